import { SidePanel } from "../../ui/SidePanel";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { Composer } from "../messages/Composer";
import { MessageItem, type MessageHandlers } from "../messages/MessageItem";
import { PendingItem } from "../messages/PendingItem";
import { onArrowKey } from "../messages/roving";

interface Props extends MessageHandlers {
  conversation: ConversationDto;
  rootId: number;
  onClose: () => void;
}

/** Replies to one message, kept in the conversation's timeline (so live events update them like any other message). */
export function ThreadPanel({ conversation, rootId, onClose, ...handlers }: Props) {
  const { t } = useTranslation();
  const core = useCore();
  const messages = useChat((s) => s.timelines[conversation.id]?.messages);
  const members = useChat((s) => s.members[conversation.id]);
  const allPending = useChat((s) => s.pending);
  const root = messages?.find((m) => m.id === rootId);
  const replies = useMemo(() => (messages ?? []).filter((m) => m.threadRootId === rootId), [messages, rootId]);
  const pending = allPending.filter((p) => p.threadRootId === rootId);
  const canModerate = conversation.role === "owner" || conversation.role === "admin";

  useEffect(() => {
    void core.timelines.loadThread(conversation.id, rootId);
  }, [core, conversation.id, rootId]);

  return (
    <SidePanel title={t("thread.title")} testId="thread-panel" onClose={onClose} footer={<Composer conversationId={conversation.id} threadRootId={rootId} placeholder={t("thread.placeholder")} autoFocus />}
      onBodyKeyDown={onArrowKey}
      roving>
      {root && <MessageItem message={root} grouped={false} members={members} kind={conversation.kind} canModerate={canModerate} inThread {...handlers} />}
      <div className="thread-count muted">{t("thread.replies", { count: replies.length })}</div>
      {replies.map((m) => (
        <MessageItem key={m.id} message={m} grouped={false} members={members} kind={conversation.kind} canModerate={canModerate} inThread {...handlers} />
      ))}
      {pending.map((p) => (
        <PendingItem key={p.clientMsgId} pending={p} />
      ))}
    </SidePanel>
  );
}
