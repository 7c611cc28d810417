import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { conversationPath, navigate } from "../../app/route";
import { BellRing, X } from "../../ui/icons";
import { dismissReminder, loadReminders, loadScheduled } from "./scheduledActions";
import { useCore } from "../../core";
import { hideToast, resetScheduled, useScheduled } from "./scheduledStore";
import "./scheduled.css";

/**
 * Loads the session's schedules and reminders, and shows a toast for each due reminder: "Open" jumps to the message
 * (and hides the toast), "Dismiss" deletes the reminder. A reminder still due at the next start shows again.
 */
export function ReminderToasts() {
  const { t } = useTranslation();
  const toasts = useScheduled((s) => s.toasts);
  const reminders = useScheduled((s) => s.reminders);

  // After the first screen (core/firstScreen.ts): neither list is on it.
  const core = useCore();
  useEffect(() => {
    let live = true;
    core.firstScreen.then(() => {
      if (!live) return;
      void loadScheduled().catch(() => undefined);
      void loadReminders().catch(() => undefined);
    });
    return () => {
      live = false;
      resetScheduled();
    };
  }, [core]);

  const shown = toasts.map((id) => reminders.find((r) => r.id === id)).filter((r) => r !== undefined);
  if (shown.length === 0) return null;
  return (
    <div className="reminder-toasts" role="region" aria-label={t("reminders.title")}>
      {shown.slice(-3).map((r) => (
        <div key={r.id} className="reminder-toast" role="status" data-testid="reminder-toast">
          <BellRing size={18} aria-hidden="true" className="reminder-toast-icon" />
          <div className="grow">
            <strong>{t("reminders.toastTitle")}</strong>
            <p className="reminder-toast-text">{r.preview ?? t("reminders.unavailable")}</p>
            <div className="scheduled-actions">
              <button
                type="button"
                className="primary"
                onClick={() => {
                  hideToast(r.id);
                  navigate(conversationPath(r.conversationId, r.messageId));
                }}
                data-testid="toast-open"
              >
                {t("reminders.open")}
              </button>
              <button type="button" onClick={() => void dismissReminder(r.id).catch(() => hideToast(r.id))} data-testid="toast-dismiss">
                {t("reminders.dismiss")}
              </button>
            </div>
          </div>
          <button type="button" className="icon-button" onClick={() => hideToast(r.id)} aria-label={t("reminders.later")} title={t("reminders.later")}>
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
