import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BookmarkDto } from "../../api/types";
import { conversationPath, navigate } from "../../app/route";
import { useChat, useCore } from "../../core";
import { formatDateTime } from "../../i18n/format";
import { SidePanel } from "../../ui/SidePanel";
import { X } from "../../ui/icons";
import { errorMessage } from "../auth/errorMessage";
import { conversationTitle, displayName } from "../conversations/title";
import { loadBookmarks, setBookmark } from "./savedActions";
import { useSaved } from "./savedSession";

/** Below this width the panel covers the screen: jumping to a message closes it. */
const PHONE = "(max-width: 760px)";

/** The user's saved messages, newest saved first, with jump-to-message and remove. */
export function SavedPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const core = useCore();
  const version = useSaved((s) => s.bookmarksVersion);
  const [items, setItems] = useState<BookmarkDto[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Reload from the top whenever a bookmark changes here or on another device.
  useEffect(() => {
    let current = true;
    loadBookmarks()
      .then((page) => {
        if (!current) return;
        // Senders of saved messages may be people this device has not loaded yet (opened from home, another conversation).
        core.people.ensureUsers(page.items.flatMap((b) => (b.message ? [b.message.senderId] : [])));
        setItems(page.items);
        setNext(page.nextBefore ?? null);
      })
      .catch((err: unknown) => current && setError(errorMessage(t, err)));
    return () => {
      current = false;
    };
  }, [version, t, core]);

  const more = () => {
    if (next === null) return;
    loadBookmarks(next)
      .then((page) => {
        core.people.ensureUsers(page.items.flatMap((b) => (b.message ? [b.message.senderId] : [])));
        setItems((list) => [...(list ?? []), ...page.items]);
        setNext(page.nextBefore ?? null);
      })
      .catch((err: unknown) => setError(errorMessage(t, err)));
  };

  const jump = (b: BookmarkDto) => {
    navigate(conversationPath(b.conversationId, b.messageId));
    if (window.matchMedia(PHONE).matches) onClose();
  };

  return (
    <SidePanel title={t("saved.title")} testId="saved-panel" onClose={onClose}>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      {items === null && !error && <p className="muted">{t("common.loading")}</p>}
      {items?.length === 0 && <p className="muted">{t("saved.empty")}</p>}
      <ul className="plain-list saved-list">
        {items?.map((b) => (
          <SavedItem key={b.id} bookmark={b} onJump={() => jump(b)} onRemove={() => setBookmark(core, b.messageId, false).catch((err: unknown) => setError(errorMessage(t, err)))} />
        ))}
      </ul>
      {next !== null && (
        <button type="button" className="load-more" onClick={more}>
          {t("saved.loadMore")}
        </button>
      )}
    </SidePanel>
  );
}

function SavedItem({ bookmark: b, onJump, onRemove }: { bookmark: BookmarkDto; onJump: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const where = useChat((s) => {
    const conv = s.conversations[b.conversationId];
    if (conv) return conversationTitle(conv, s.users, s.me?.id ?? -1, t);
    return b.conversationName ?? (b.conversationKind ? "" : t("saved.leftConversation"));
  });
  const sender = useChat((s) => (b.message ? displayName(s.users, b.message.senderId, t) : ""));
  const message = b.message;
  return (
    <li className="saved-item" data-testid="saved-item" data-message-id={b.messageId}>
      {message && b.available ? (
        <button type="button" className="saved-jump" onClick={onJump} data-testid="saved-jump">
          <span className="saved-meta muted small">
            <strong>{sender}</strong> · {where} · {formatDateTime(message.createdAt)}
          </span>
          <span className="saved-text">{message.text || (message.files?.map((f) => f.name).join(", ") ?? "")}</span>
          {b.note && <span className="saved-note muted small">{b.note}</span>}
        </button>
      ) : (
        <div className="saved-jump unavailable">
          <span className="saved-meta muted small">{where}</span>
          <span className="saved-text muted">{t("saved.unavailable")}</span>
        </div>
      )}
      <button type="button" className="icon-button" onClick={onRemove} aria-label={t("saved.removeLabel")} title={t("saved.removeLabel")} data-testid="saved-remove">
        <X size={16} aria-hidden="true" />
      </button>
    </li>
  );
}
