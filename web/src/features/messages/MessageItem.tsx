import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationKind, MemberDto, MessageDto } from "../../api/types";
import { useChat, useConfigValue, useCore } from "../../core";
import { BotBadge } from "../directory/BotBadge";
import { formatDateTime, formatTime } from "../../i18n/format";
import { Avatar } from "../../ui/Avatar";
import { errorMessage } from "../auth/errorMessage";
import { displayName } from "../conversations/title";
import { openProfile } from "../directory/profileCard";
import { Attachments } from "../files/Attachments";
import { PollCard } from "../polls/PollCard";
import { CardView } from "../cards/CardView";
import { MessageBody } from "./MessageBody";
import { deleteMessage, editMessage, pinMessage, recallMessage, toggleReaction, unpinMessage } from "./messageActions";
import { ReceiptsPopover } from "./ReceiptsPopover";
import { RemindMeButton } from "../scheduled/RemindMeButton";
import { BookmarkButton } from "../saved/BookmarkButton";
import { EmojiPicker } from "../reactions/EmojiPicker";
import { ReactionGlyph } from "../reactions/ReactionGlyph";
import { loadRecent, rememberEmoji } from "../reactions/recentEmoji";
import { unreadMembers } from "./receipts";
import { MarkUrgentButton } from "../urgent/MarkUrgentButton";
import { MessageTranslation, useOriginalHidden } from "../translation/MessageTranslation";
import { TranslateButton } from "../translation/TranslateButton";
import { UrgentMarker } from "../urgent/UrgentMarker";
import { Forward, MessageSquare, Pencil, Pin, PinOff, Quote, SmilePlus, SquareCheckBig, Trash2, Undo2 } from "../../ui/icons";
import { BundleCard } from "../bundles/BundleCard";

export interface MessageHandlers {
  onThread?: (message: MessageDto) => void;
  onQuote: (message: MessageDto) => void;
  onForward: (message: MessageDto) => void;
  /** Checkbox mode (多选, Features/bundles): "Select" enters it with this message; in it, the checkbox toggles. */
  onSelect?: (message: MessageDto) => void;
  /** The selected message ids while in checkbox mode; null or absent otherwise. */
  selection?: ReadonlySet<number> | null;
  onOpenBundle?: (message: MessageDto) => void;
}

interface Props extends MessageHandlers {
  message: MessageDto;
  grouped: boolean;
  highlighted?: boolean;
  /** For the read receipts of the reader's own messages; others get none, so a members load re-renders only those. */
  members: MemberDto[] | undefined;
  kind: ConversationKind;
  canModerate: boolean;
  quoted?: MessageDto | undefined;
  inThread?: boolean;
}

export const MessageItem = memo(function MessageItem(props: Props) {
  const { message, grouped, highlighted, members, kind, canModerate, quoted, inThread } = props;
  const { t } = useTranslation();
  const core = useCore();
  // Recall is offered for the server's window (GET /config); the server still enforces it (recall_window_passed).
  const recallWindowMs = useConfigValue((c) => c.messages.recallWindowSeconds) * 1000;
  const meId = useChat((s) => s.me?.id ?? -1);
  // Only the names this message shows, not the whole user map: every message on screen re-rendered each time any
  // user's profile arrived (issue 22, start-up long tasks). A string key keeps the selection stable between loads.
  const shownIds = [message.senderId, ...(quoted ? [quoted.senderId] : []), ...message.reactions.flatMap((r) => r.userIds)];
  const namesKey = useChat((s) => shownIds.map((id) => displayName(s.users, id, t)).join("\u0000"));
  const names = new Map(shownIds.map((id, i) => [id, namesKey.split("\u0000")[i] ?? ""]));
  const nameOf = (id: number) => names.get(id) ?? "";
  const presence = useChat((s) => s.presence[message.senderId]);
  const avatarUrl = useChat((s) => s.users[message.senderId]?.avatarUrl);
  const senderIsBot = useChat((s) => s.users[message.senderId]?.isBot === true);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.text);
  // The add-reaction button while its picker is open (the picker anchors to it and gives focus back).
  const [picker, setPicker] = useState<HTMLElement | null>(null);
  const [recentEmoji, setRecentEmoji] = useState<string[]>([]);
  const [receipts, setReceipts] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The action toolbar is shown on hover or focus only (CSS): it is rendered from the first of those on, not for
  // every message on screen at start-up, where its buttons were three quarters of a message's render (issue 22).
  const [actionsWanted, setActionsWanted] = useState(false);
  const wantActions = () => !actionsWanted && setActionsWanted(true);
  const mine = message.senderId === meId;
  const name = nameOf(message.senderId);
  const gone = message.recalledAt !== null || message.deletedAt !== null;
  const originalHidden = useOriginalHidden(message.id);

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((err: unknown) => setError(errorMessage(t, err)));
  };

  const saveEdit = () => {
    const text = draft.trim();
    if (!text || text === message.text) {
      setEditing(false);
      return;
    }
    run(async () => {
      await editMessage(core, message.id, text);
      setEditing(false);
    });
  };

  const unread = mine && members ? unreadMembers(message, members) : null;
  const canRecall = mine && !gone && Date.now() - Date.parse(message.createdAt) < recallWindowMs;
  const selecting = props.selection != null;
  const selected = props.selection?.has(message.id) ?? false;

  return (
    <article
      className={`message${grouped ? " grouped" : ""}${highlighted ? " highlighted" : ""}${mine ? " mine" : ""}${selecting ? " selecting" : ""}${selected ? " selected" : ""}`}
      tabIndex={0}
      aria-label={t("message.ariaLabel", { name, time: formatDateTime(message.createdAt) })}
      data-message-id={message.id}
      data-seq={message.seq}
      data-testid="message"
      onPointerEnter={wantActions}
      onFocus={wantActions}
    >
      {selecting && (
        <label className="select-box">
          <input type="checkbox" checked={selected} disabled={gone} onChange={() => props.onSelect?.(message)}
            aria-label={t("bundle.selectMessage", { name })} data-testid="select-message" />
        </label>
      )}
      <div className="message-gutter">{grouped ? <span className="hover-time muted">{formatTime(message.createdAt)}</span> : <Avatar name={name} id={message.senderId} presence={presence} url={avatarUrl} />}</div>
      <div className="message-main">
        {!grouped && (
          <div className="message-header">
            <button type="button" className="sender link-button" onClick={() => openProfile(message.senderId)} data-testid="sender-name">
              {name}
            </button>
            {senderIsBot && <BotBadge />}
            <time className="muted" dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
              {formatTime(message.createdAt)}
            </time>
            {message.pinnedAt && <span className="pin-marker" title={t("message.pinned")}><Pin size={13} aria-hidden="true" /></span>}
          </div>
        )}
        {message.recalledAt ? (
          <p className="message-system" data-testid="recalled">
            {t("message.recalled", { name: mine ? t("common.you") : name })}
          </p>
        ) : message.deletedAt ? (
          <p className="message-system">{t("message.deleted")}</p>
        ) : editing ? (
          <div className="edit-box">
            <textarea
              value={draft}
              aria-label={t("message.edit")}
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey) {
                  e.preventDefault();
                  saveEdit();
                }
                if (e.key === "Escape") setEditing(false);
              }}
            />
            <div className="row">
              <button type="button" onClick={() => setEditing(false)}>
                {t("common.cancel")}
              </button>
              <button type="button" className="primary" onClick={saveEdit}>
                {t("common.save")}
              </button>
            </div>
          </div>
        ) : (
          <>
            {message.forwardedFromId !== null && <div className="forwarded muted">{t("message.forwarded")}</div>}
            {message.quoteId !== null && (
              <blockquote className="quote">
                {quoted ? (
                  <>
                    <strong>{nameOf(quoted.senderId)}</strong>
                    <span className="quote-text">{quoted.recalledAt ? t("message.recalledShort") : quoted.text.slice(0, 200)}</span>
                  </>
                ) : (
                  <span className="muted">{t("message.quotedUnavailable")}</span>
                )}
              </blockquote>
            )}
            {message.poll ? <PollCard poll={message.poll} canModerate={canModerate} />
              // A card's own summary (its fallback) stands in for it in notifications and search; shown, it would repeat the card.
              : message.text && !originalHidden && message.text !== message.card?.fallback && <MessageBody text={message.text} />}
            {message.card && <CardView messageId={message.id} card={message.card} />}
            {!message.poll && <MessageTranslation message={message} mine={mine} />}
            {message.files && message.files.length > 0 && <Attachments files={message.files} />}
            {message.bundle && <BundleCard bundle={message.bundle} onOpen={() => props.onOpenBundle?.(message)} />}
            {message.editedAt && <span className="muted small">{t("message.edited")}</span>}
          </>
        )}
        {!gone && message.reactions.length > 0 && (
          <div className="reactions" role="group" aria-label={t("message.reactions")}>
            {message.reactions.map((r) => {
              const reacted = r.userIds.includes(meId);
              return (
                <button
                  type="button"
                  key={r.emoji}
                  className={`reaction${reacted ? " mine" : ""}`}
                  aria-pressed={reacted}
                  title={r.userIds.map(nameOf).join(", ")}
                  onClick={() => run(() => toggleReaction(message, r.emoji, meId))}
                  data-testid="reaction"
                >
                  <ReactionGlyph emoji={r.emoji} /> <span>{r.count}</span>
                </button>
              );
            })}
          </div>
        )}
        <div className="message-footer">
          {!gone && message.urgent && <UrgentMarker messageId={message.id} urgent={message.urgent} />}
          {!inThread && message.replyCount > 0 && props.onThread && (
            <button type="button" className="link-button" onClick={() => props.onThread?.(message)} data-testid="thread-replies">
              {t("thread.replies", { count: message.replyCount })}
            </button>
          )}
          {unread && !gone && (
            <span className="receipt-anchor">
              <button type="button" className={`link-button receipt${unread.length === 0 ? " all-read" : ""}`} onClick={() => setReceipts((v) => !v)} data-testid="receipt" data-unread={unread.length}>
                {kind === "direct" ? (unread.length === 0 ? t("receipts.read") : t("receipts.unread")) : unread.length === 0 ? t("receipts.allRead") : t("receipts.unreadCount", { count: unread.length })}
              </button>
              {receipts && <ReceiptsPopover messageId={message.id} onClose={() => setReceipts(false)} />}
            </span>
          )}
        </div>
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
      </div>
      {!gone && !editing && !selecting && actionsWanted && (
        <div className="message-actions" role="toolbar" aria-label={t("message.actions")}>
          <button type="button" className="icon-button" onClick={(e) => {
              const button = e.currentTarget;
              setRecentEmoji(loadRecent(meId));
              setPicker((open) => (open ? null : button));
            }}
            aria-haspopup="dialog"
            aria-expanded={picker !== null}
            aria-label={t("message.addReaction")} title={t("message.addReaction")} data-testid="add-reaction">
            <SmilePlus size={17} aria-hidden="true" />
          </button>
          {!inThread && props.onThread && (
            <button type="button" className="icon-button" onClick={() => props.onThread?.(message)} aria-label={t("thread.reply")} title={t("thread.reply")} data-testid="reply-thread">
              <MessageSquare size={17} aria-hidden="true" />
            </button>
          )}
          <button type="button" className="icon-button" onClick={() => props.onQuote(message)} aria-label={t("message.quote")} title={t("message.quote")} data-testid="quote">
            <Quote size={17} aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" onClick={() => props.onForward(message)} aria-label={t("message.forward")} title={t("message.forward")} data-testid="forward">
            <Forward size={17} aria-hidden="true" />
          </button>
          {props.onSelect && !inThread && (
            <button type="button" className="icon-button" onClick={() => props.onSelect?.(message)} aria-label={t("bundle.select")} title={t("bundle.select")} data-testid="select">
              <SquareCheckBig size={17} aria-hidden="true" />
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            onClick={() => run(() => (message.pinnedAt ? unpinMessage(message.id) : pinMessage(message.id)))}
            aria-label={message.pinnedAt ? t("message.unpin") : t("message.pin")}
            title={message.pinnedAt ? t("message.unpin") : t("message.pin")}
          >
            {message.pinnedAt ? <PinOff size={17} aria-hidden="true" /> : <Pin size={17} aria-hidden="true" />}
          </button>
          <TranslateButton message={message} />
          <RemindMeButton messageId={message.id} />
          <BookmarkButton messageId={message.id} onError={(err) => setError(errorMessage(t, err))} />
          {mine && !message.poll && (
            <button
              type="button"
              className="icon-button"
              onClick={() => {
                setDraft(message.text);
                setEditing(true);
              }}
              aria-label={t("message.edit")}
              title={t("message.edit")}
              data-testid="edit"
            >
              <Pencil size={17} aria-hidden="true" />
            </button>
          )}
          {mine && <MarkUrgentButton messageId={message.id} conversationId={message.conversationId} />}
          {canRecall && (
            <button type="button" className="icon-button" onClick={() => run(() => recallMessage(message.id))} aria-label={t("message.recall")} title={t("message.recall")} data-testid="recall">
              <Undo2 size={17} aria-hidden="true" />
            </button>
          )}
          {(mine || canModerate) && (
            <button type="button" className="icon-button" onClick={() => window.confirm(t("message.confirmDelete")) && run(() => deleteMessage(message.id))} aria-label={t("message.delete")} title={t("message.delete")} data-testid="delete">
              <Trash2 size={17} aria-hidden="true" />
            </button>
          )}
          {picker && (
            <EmojiPicker
              anchor={picker}
              recent={recentEmoji}
              onClose={() => setPicker(null)}
              onPick={(emoji) => {
                setPicker(null);
                setRecentEmoji(rememberEmoji(meId, emoji));
                run(() => toggleReaction(message, emoji, meId));
              }}
            />
          )}
        </div>
      )}
    </article>
  );
});
