import { useTranslation } from "react-i18next";
import { useChat } from "../../core";
import { conversationPath, navigate } from "../../app/route";
import { Dialog } from "../../ui/Dialog";
import { formatDateTime } from "../../i18n/format";
import { Trash2 } from "../../ui/icons";
import { conversationTitle } from "../conversations/title";
import { dismissReminder } from "./scheduledActions";
import { useScheduled } from "./scheduledStore";
import "./scheduled.css";

/** The user's reminders (from the sidebar): due ones first in attention, each opens its message or is deleted. */
export default function RemindersDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const reminders = useScheduled((s) => s.reminders);
  const conversations = useChat((s) => s.conversations);
  const users = useChat((s) => s.users);
  const meId = useChat((s) => s.me?.id ?? -1);
  const titleOf = (id: number) => {
    const c = conversations[id];
    return c ? conversationTitle(c, users, meId, t) : "";
  };
  return (
    <Dialog title={t("reminders.title")} onClose={onClose} wide>
      {reminders.length === 0 && <p className="muted">{t("reminders.empty")}</p>}
      <ul className="plain-list scheduled-list" data-testid="reminders-list">
        {reminders.map((r) => (
          <li key={r.id} className={`scheduled-item${r.status === "due" ? " due" : ""}`} data-testid="reminder-item">
            <div className="scheduled-meta">
              <strong>{formatDateTime(r.at)}</strong>
              <span className={r.status === "due" ? "badge-due" : "muted small"}>{t(`reminders.status.${r.status}`)}</span>
              <span className="muted small">{titleOf(r.conversationId)}</span>
            </div>
            <p className="scheduled-text">{r.preview ?? t("reminders.unavailable")}</p>
            <div className="scheduled-actions">
              <button
                type="button"
                onClick={() => {
                  onClose();
                  navigate(conversationPath(r.conversationId, r.messageId));
                }}
                data-testid="open-reminder"
              >
                {t("reminders.open")}
              </button>
              <button type="button" className="danger" onClick={() => void dismissReminder(r.id).catch(() => undefined)} data-testid="delete-reminder">
                <Trash2 size={14} aria-hidden="true" /> {r.status === "due" ? t("reminders.dismiss") : t("reminders.delete")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
