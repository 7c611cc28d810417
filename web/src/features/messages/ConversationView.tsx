import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { Watermark } from "../watermark/Watermark";
import { useTranslation } from "react-i18next";
import type { MessageDto } from "../../api/types";
import { typingUsers, useChat, useCore } from "../../core";
import { navigate } from "../../app/route";
import { PresenceDot } from "../../ui/Avatar";
import { conversationTitle, directPartner, displayName } from "../conversations/title";
import { FileViewerHost } from "../files/FileViewer";
import { FilesPanel } from "../files/FilesPanel";
import { draftKeyOf } from "../files/tray";
import { closeViewer } from "../files/viewer";
import { attachFiles } from "../files/uploadActions";
import { MembersPanel } from "../members/MembersPanel";
import { PinsPanel } from "../pins/PinsPanel";
import { ThreadPanel } from "../thread/ThreadPanel";
import { ScheduledBar } from "../scheduled/ScheduledBar";
import { AssistantSummary } from "../assistant/AssistantSummary";
import { Composer } from "./Composer";
import type { CannedReply } from "../commands/slash";
import { EphemeralNotes } from "../commands/EphemeralNotes";
import { MessageList } from "./MessageList";
import { forwardBundle, forwardEach } from "../bundles/bundleActions";
import { SelectionBar } from "../bundles/SelectionBar";
import { selectedInOrder, toggleSelected } from "../bundles/selection";
import { CallButtons } from "../calls/CallButtons";
import { ChevronLeft, FolderOpen, Megaphone, Pin } from "../../ui/icons";

const ForwardDialog = lazy(() => import("./ForwardDialog"));
const TranscriptDialog = lazy(() => import("../bundles/TranscriptDialog"));

/** Forwarding several messages from checkbox mode: merged into one bundle, or one by one. */
type MultiForward = { merge: boolean; ids: number[]; preview: string };

type Panel = { kind: "thread"; rootId: number } | { kind: "members" } | { kind: "pins" } | { kind: "files" } | null;

/** Only drags that carry files (not selected text or a link) light up the drop zone. */
const carriesFiles = (e: React.DragEvent) => e.dataTransfer.types.includes("Files");

/**
 * `composerPlaceholder`: instead of "Message <conversation>" (the visitor page: the conversation bears the visitor's own name).
 * `cannedReplies`: the agent workspace's stock answers, offered in the composer by "/" + shortcut.
 */
export function ConversationView({
  id, focusMessageId, composerPlaceholder, cannedReplies,
}: { id: number; focusMessageId: number | null; composerPlaceholder?: string; cannedReplies?: readonly CannedReply[] }) {
  const { t } = useTranslation();
  const core = useCore();
  const conversation = useChat((s) => s.conversations[id]);
  const loaded = useChat((s) => s.conversationsLoaded);
  const users = useChat((s) => s.users);
  const meId = useChat((s) => s.me?.id ?? -1);
  const partner = conversation ? directPartner(conversation, meId) : null;
  const presence = useChat((s) => (partner !== null ? s.presence[partner] : undefined));
  const typing = useChat((s) => typingUsers(s, id, Date.now()).join(","));
  const [panel, setPanel] = useState<Panel>(null);
  const [quote, setQuote] = useState<MessageDto | null>(null);
  const [forwarding, setForwarding] = useState<MessageDto | null>(null);
  const [selection, setSelection] = useState<ReadonlySet<number> | null>(null);
  const [multiForward, setMultiForward] = useState<MultiForward | null>(null);
  const [transcript, setTranscript] = useState<MessageDto | null>(null);
  const [error, setError] = useState(false);
  const [dropping, setDropping] = useState(false);
  const dragDepth = useRef(0);

  useEffect(() => {
    setPanel(null);
    setQuote(null);
    setSelection(null);
    setError(false);
    // Not waiting for the conversation list: opened straight from its URL, the page loads beside the list. Without the
    // summary a failure is not shown (the list decides between "not found" and a retry when it arrives).
    core.timelines
      .openConversation(id)
      .catch(() => conversation && setError(true));
    // The viewer belongs to this conversation: it closes when the conversation is left, not when the next one opens.
    return closeViewer;
    // Open once per conversation id; the summary changing doesn't reopen it.
  }, [id, Boolean(conversation)]);

  const onThread = useCallback((m: MessageDto) => setPanel({ kind: "thread", rootId: m.id }), []);
  const onSelect = useCallback((m: MessageDto) => setSelection((s) => toggleSelected(s, m.id)), []);
  const onOpenBundle = useCallback((m: MessageDto) => setTranscript(m), []);
  const handlers = { onThread, onQuote: setQuote, onForward: setForwarding, onSelect, onOpenBundle };
  const startMultiForward = (merge: boolean) => {
    const picked = selectedInOrder(core.store.getState().timelines[id]?.messages ?? [], selection ?? new Set());
    if (picked.length === 0) return;
    const preview = picked.slice(0, 3).map((m) => `${displayName(users, m.senderId, t)}: ${m.text}`).join("\n");
    setMultiForward({ merge, ids: picked.map((m) => m.id), preview });
  };

  if (!conversation) {
    // Its own element (key): the placeholder must not be the node that becomes the conversation, or the browser records
    // a small box growing into the whole view as a layout shift (issue 22: CLS 0.29–0.46).
    return (
      <div key="placeholder" className="empty-state muted" aria-busy={!loaded}>
        {loaded ? t("conversation.notFound") : t("common.loading")}
      </div>
    );
  }
  const title = conversationTitle(conversation, users, meId, t);
  const canAttach = !conversation.isArchived;
  // Drag-and-drop anywhere on the conversation attaches to its composer. enter/leave fire for every child element,
  // so a depth counter tells when the drag really left.
  const dropHandlers = {
    onDragEnter: (e: React.DragEvent) => {
      if (!carriesFiles(e) || !canAttach) return;
      e.preventDefault();
      dragDepth.current++;
      setDropping(true);
    },
    onDragOver: (e: React.DragEvent) => {
      if (!carriesFiles(e) || !canAttach) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: (e: React.DragEvent) => {
      if (!carriesFiles(e)) return;
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDropping(false);
    },
    onDrop: (e: React.DragEvent) => {
      if (!carriesFiles(e) || !canAttach) return;
      e.preventDefault();
      dragDepth.current = 0;
      setDropping(false);
      attachFiles(draftKeyOf(id), [...e.dataTransfer.files]);
    },
  };
  const typingNames = typing ? typing.split(",").map((u) => displayName(users, Number(u), t)) : [];

  return (
    <div
      key="conversation"
      className="conversation-layout"
      onKeyDown={(e) => {
        // Escape closes the side panel unless something inside (a dialog, the mention list) already used it.
        if (e.key === "Escape" && panel && !e.defaultPrevented) setPanel(null);
      }}
    >
      <section className="conversation" aria-label={title} {...dropHandlers} data-testid="conversation-drop-zone">
        <Watermark conversationId={id} />
        {dropping && (
          <div className="drop-overlay" aria-hidden="true">
            {t("files.dropHere")}
          </div>
        )}
        <header className="conversation-header">
          <button type="button" className="icon-button back" onClick={() => navigate("/")} aria-label={t("common.back")}>
            <ChevronLeft size={20} aria-hidden="true" />
          </button>
          <div className="grow title-block">
            <h1 data-testid="conversation-title">
              {conversation.kind === "channel" ? "# " : ""}
              {title}
              {presence && <PresenceDot status={presence} />}
            </h1>
            {conversation.topic && <p className="muted topic">{conversation.topic}</p>}
          </div>
          <CallButtons conversation={conversation} />
          <AssistantSummary conversationId={id} readSeq={conversation.readSeq} />
          <button type="button" onClick={() => setPanel((p) => (p?.kind === "pins" ? null : { kind: "pins" }))} aria-pressed={panel?.kind === "pins"} data-testid="open-pins" aria-label={t("pins.title")} title={t("pins.title")}>
            <Pin size={15} aria-hidden="true" /> <span className="header-label">{t("pins.title")}</span>
          </button>
          <button type="button" onClick={() => setPanel((p) => (p?.kind === "files" ? null : { kind: "files" }))} aria-pressed={panel?.kind === "files"} data-testid="open-files" aria-label={t("files.panelButton")} title={t("files.panelButton")}>
            <FolderOpen size={15} aria-hidden="true" /> <span className="header-label">{t("files.panelButton")}</span>
          </button>
          <button type="button" onClick={() => setPanel((p) => (p?.kind === "members" ? null : { kind: "members" }))} aria-pressed={panel?.kind === "members"} data-testid="open-members">
            {conversation.kind === "direct" ? t("members.details") : t("members.button", { count: conversation.memberCount })}
          </button>
        </header>
        {conversation.announcement && (
          <div className="announcement" role="note">
            <Megaphone size={15} aria-hidden="true" className="inline-icon" /> {conversation.announcement}
          </div>
        )}
        {error && (
          <p className="error center" role="alert">
            {t("errors.network")}
          </p>
        )}
        <MessageList conversation={conversation} focusMessageId={focusMessageId} {...handlers} selection={selection} />
        <div className="typing" aria-live="polite" data-testid="typing">
          {typingNames.length > 0 && t("conversation.typing", { names: typingNames.join(", "), count: typingNames.length })}
        </div>
        <ScheduledBar conversationId={id} />
        <EphemeralNotes conversationId={id} />
        {selection ? (
          <SelectionBar count={selection.size} onOneByOne={() => startMultiForward(false)} onMerge={() => startMultiForward(true)} onCancel={() => setSelection(null)} />
        ) : (
          <Composer
            conversationId={id}
            quote={quote}
            onClearQuote={() => setQuote(null)}
            placeholder={composerPlaceholder ?? t("composer.placeholder", { name: title })}
            disabled={conversation.isArchived}
            autoFocus
            focusHome
            cannedReplies={cannedReplies}
          />
        )}
      </section>
      {panel?.kind === "thread" && <ThreadPanel conversation={conversation} rootId={panel.rootId} onClose={() => setPanel(null)} {...handlers} />}
      {panel?.kind === "members" && <MembersPanel conversation={conversation} onClose={() => setPanel(null)} />}
      {panel?.kind === "pins" && <PinsPanel conversationId={id} onClose={() => setPanel(null)} />}
      {panel?.kind === "files" && <FilesPanel conversationId={id} onClose={() => setPanel(null)} />}
      <FileViewerHost />
      {forwarding && (
        <Suspense fallback={null}>
          <ForwardDialog message={forwarding} onClose={() => setForwarding(null)} />
        </Suspense>
      )}
      {multiForward && (
        <Suspense fallback={null}>
          <ForwardDialog
            title={t(multiForward.merge ? "bundle.mergeTitle" : "bundle.oneByOneTitle", { count: multiForward.ids.length })}
            preview={multiForward.preview}
            send={async (target, comment) => {
              if (multiForward.merge) await forwardBundle(target, id, multiForward.ids, comment);
              else await forwardEach(target, multiForward.ids, comment);
              setSelection(null);
            }}
            onClose={() => setMultiForward(null)}
          />
        </Suspense>
      )}
      {transcript && (
        <Suspense fallback={null}>
          <TranscriptDialog
            message={transcript}
            onClose={() => setTranscript(null)}
            onForward={(m) => {
              setTranscript(null);
              setForwarding(m);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
