import { useMemo, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationDto, ConversationKind } from "../../api/types";
import { conversationPath, navigate } from "../../app/route";
import { sortByActivity, useChat } from "../../core";
import { Avatar } from "../../ui/Avatar";
import { ConnectionBanner } from "../../ui/ConnectionBanner";
import { conversationTitle, directPartner } from "../conversations/title";
import { formatActivity } from "../../i18n/format";
import { PlannerLink } from "../planner/PlannerLink";
import { BellOff, Bookmark, Hash, Settings, Users } from "../../ui/icons";
import { DraftPreview, useDraftText } from "../saved/DraftPreview";
import { AdminLink } from "../admin/AdminLink";
import { ServiceLink } from "../service/ServiceLink";
import { RemindersLink } from "../scheduled/RemindersLink";

export type SidebarDialog = "browse" | "newDirect" | "newGroup" | "settings" | "switcher" | "shortcuts" | "reminders";

interface Props {
  activeId: number | null;
  onOpenDialog: (dialog: SidebarDialog) => void;
  onSearch: () => void;
  savedOpen: boolean;
  onToggleSaved: () => void;
}

const sections: { kind: ConversationKind; label: string }[] = [
  { kind: "channel", label: "sidebar.channels" },
  { kind: "group", label: "sidebar.groups" },
  { kind: "direct", label: "sidebar.directMessages" },
];

/** Arrow keys move between conversations (one tab stop per list item is fine; arrows are the fast path). */
function onListKeyDown(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>("[data-conversation-link]")];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const next = items[e.key === "ArrowDown" ? Math.min(items.length - 1, index + 1) : Math.max(0, index - 1)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

export function Sidebar({ activeId, onOpenDialog, onSearch, savedOpen, onToggleSaved }: Props) {
  const { t } = useTranslation();
  const conversations = useChat((s) => s.conversations);
  const me = useChat((s) => s.me);
  const sorted = useMemo(() => sortByActivity(Object.values(conversations).filter((c) => !c.isArchived)), [conversations]);

  return (
    <nav className="sidebar" aria-label={t("sidebar.label")}>
      <header className="sidebar-header">
        <div className="sidebar-me">
          <span className="brand small">Parley</span>
          <span className="muted me-name" data-testid="me-name">
            {me?.displayName}
          </span>
        </div>
        <button type="button" className="icon-button" onClick={() => onOpenDialog("shortcuts")} aria-label={t("shortcuts.open")} title={t("shortcuts.open")} data-testid="open-shortcuts">
          ?
        </button>
        <button type="button" className="icon-button" onClick={() => onOpenDialog("settings")} aria-label={t("settings.title")} title={t("settings.title")} data-testid="open-settings">
          <Settings size={18} aria-hidden="true" />
        </button>
      </header>
      <ConnectionBanner />
      <div className="sidebar-actions">
        <button type="button" className="search-trigger" onClick={() => onOpenDialog("switcher")}>
          <span>{t("switcher.trigger")}</span>
          <kbd>Ctrl K</kbd>
        </button>
        <div className="sidebar-buttons">
          <button type="button" onClick={onSearch} data-testid="open-search">
            {t("search.title")}
          </button>
          <button type="button" onClick={() => onOpenDialog("browse")} data-testid="browse-channels">
            {t("channels.browse")}
          </button>
          <button type="button" onClick={() => onOpenDialog("newDirect")} data-testid="new-direct">
            {t("conversation.newDirect")}
          </button>
          <button type="button" onClick={() => onOpenDialog("newGroup")} data-testid="new-group">
            {t("conversation.newGroup")}
          </button>
          <PlannerLink />
          <button type="button" onClick={onToggleSaved} aria-pressed={savedOpen} data-testid="open-saved">
            <Bookmark size={14} aria-hidden="true" /> {t("saved.open")}
          </button>
          <button type="button" onClick={() => navigate("/directory")} data-testid="open-directory">
            {t("directory.title")}
          </button>
          <RemindersLink onOpen={() => onOpenDialog("reminders")} />
          <ServiceLink />
          <AdminLink />
        </div>
      </div>
      <div className="sidebar-lists" onKeyDown={onListKeyDown}>
        {sections.map((section) => {
          const items = sorted.filter((c) => c.kind === section.kind);
          return (
            <section key={section.kind} aria-labelledby={`section-${section.kind}`}>
              <h3 id={`section-${section.kind}`} className="sidebar-section">
                {t(section.label)}
              </h3>
              {items.length === 0 ? (
                <p className="muted sidebar-empty">{t("sidebar.empty")}</p>
              ) : (
                <ul role="list">
                  {items.map((conv) => (
                    <ConversationItem key={conv.id} conv={conv} active={conv.id === activeId} meId={me?.id ?? -1} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </nav>
  );
}

function ConversationItem({ conv, active, meId }: { conv: ConversationDto; active: boolean; meId: number }) {
  const { t } = useTranslation();
  const users = useChat((s) => s.users);
  const partner = directPartner(conv, meId);
  const presence = useChat((s) => (partner !== null ? s.presence[partner] : undefined));
  const partnerAvatar = useChat((s) => (partner !== null ? s.users[partner]?.avatarUrl : undefined));
  const title = conversationTitle(conv, users, meId, t);
  const unread = conv.unreadCount > 0 && !active;
  // The open conversation shows its draft in the message box itself.
  const draft = useDraftText(conv.id);
  const showDraft = draft !== undefined && !active;
  return (
    <li>
      <a
        href={`#${conversationPath(conv.id)}`}
        className={`conversation-item${active ? " active" : ""}${unread ? " unread" : ""}`}
        aria-current={active ? "page" : undefined}
        data-conversation-link
        data-testid={`conversation-${conv.id}`}
        onClick={(e) => {
          e.preventDefault();
          navigate(conversationPath(conv.id));
        }}
      >
        {conv.kind === "direct" ? (
          <Avatar name={title} id={partner ?? conv.id} size={24} presence={presence ?? "offline"} url={partnerAvatar} />
        ) : (
          <span className="conversation-icon" aria-hidden="true">
            {conv.kind === "channel" ? <Hash size={16} /> : <Users size={16} />}
          </span>
        )}
        {showDraft ? (
          <span className="conversation-text">
            <span className="conversation-name">{title}</span>
            <DraftPreview text={draft} />
          </span>
        ) : (
          <span className="conversation-name">{title}</span>
        )}
        {conv.muted && (
          <span className="muted-icon" title={t("conversation.muted")} aria-hidden="true">
            <BellOff size={13} />
          </span>
        )}
        {/* The link's name is its visible text (an aria-label used to replace it, hiding the time and the counts from
            speech input: axe label-content-name-mismatch); the badges' numbers are read as words. */}
        {conv.mentionCount > 0 && !active && (
          <>
            <span className="badge mention" aria-hidden="true" data-testid="mention-badge">
              @{conv.mentionCount}
            </span>
            <span className="sr-only">, {t("sidebar.mentions", { count: conv.mentionCount })}</span>
          </>
        )}
        {unread ? (
          <>
            <span className={`badge${conv.muted ? " quiet" : ""}`} aria-hidden="true" data-testid="unread-badge">
              {conv.unreadCount > 99 ? "99+" : conv.unreadCount}
            </span>
            <span className="sr-only">, {t("sidebar.unread", { count: conv.unreadCount })}</span>
          </>
        ) : (
          <span className="conversation-time muted">{formatActivity(conv.lastActivityAt)}</span>
        )}
      </a>
    </li>
  );
}
