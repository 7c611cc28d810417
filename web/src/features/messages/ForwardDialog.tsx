import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MessageDto } from "../../api/types";
import { conversationPath, navigate } from "../../app/route";
import { sortByActivity, useChat } from "../../core";
import { Dialog } from "../../ui/Dialog";
import { errorMessage } from "../auth/errorMessage";
import { conversationTitle } from "../conversations/title";
import { forwardMessage } from "./messageActions";

interface Props {
  onClose: () => void;
  /** One message to forward (the message action, or a bundle's Forward). */
  message?: MessageDto;
  /** Several messages (checkbox mode): the dialog's title, a preview line, and what sending does. */
  title?: string;
  preview?: string;
  send?: (conversationId: number, comment: string) => Promise<unknown>;
}

export default function ForwardDialog({ message, onClose, title, preview, send: sendTo }: Props) {
  const { t } = useTranslation();
  const conversations = useChat((s) => s.conversations);
  const users = useChat((s) => s.users);
  const meId = useChat((s) => s.me?.id ?? -1);
  const [filter, setFilter] = useState("");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(
    () =>
      sortByActivity(Object.values(conversations))
        .map((c) => ({ conv: c, title: conversationTitle(c, users, meId, t) }))
        .filter((o) => o.title.toLowerCase().includes(filter.toLowerCase())),
    [conversations, users, meId, filter, t],
  );

  const send = async (conversationId: number) => {
    try {
      if (sendTo) await sendTo(conversationId, comment.trim());
      else if (message) await forwardMessage(message.id, conversationId, comment.trim());
      onClose();
      navigate(conversationPath(conversationId));
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <Dialog title={title ?? t("message.forward")} onClose={onClose}>
      <blockquote className="quote">{(preview ?? message?.text ?? "").slice(0, 200)}</blockquote>
      <input placeholder={t("forward.comment")} aria-label={t("forward.comment")} value={comment} onChange={(e) => setComment(e.target.value)} />
      <input type="search" placeholder={t("forward.filter")} aria-label={t("forward.filter")} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <ul className="picker-list">
        {options.map((o) => (
          <li key={o.conv.id} className="row">
            <span className="grow">{o.title}</span>
            <button type="button" onClick={() => void send(o.conv.id)}>
              {t("forward.send")}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
