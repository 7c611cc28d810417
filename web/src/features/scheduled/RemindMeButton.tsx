import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { AlarmClock } from "../../ui/icons";
import { REMINDER_PRESETS } from "./presets";
import { setReminder } from "./scheduledActions";
import { TimePickerDialog } from "./TimePickerDialog";
import "./scheduled.css";

// The picker is drawn by one host outside the message list (ReminderPickerHost in the chat shell): inside a list row
// it would sit in the row's stacking context, under the message toolbar, and the list's keys would see its keystrokes.
let target: number | null = null;
const listeners = new Set<() => void>();
function openFor(messageId: number | null): void {
  target = messageId;
  for (const listener of listeners) listener();
}

/** A message action: "Remind me about this" at a chosen time. */
export function RemindMeButton({ messageId }: { messageId: number }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="icon-button" onClick={() => openFor(messageId)} aria-haspopup="dialog" aria-label={t("reminders.remindMe")} title={t("reminders.remindMe")} data-testid="remind-me">
      <AlarmClock size={17} aria-hidden="true" />
    </button>
  );
}

export function ReminderPickerHost() {
  const { t } = useTranslation();
  const messageId = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => target,
  );
  if (messageId === null) return null;
  return (
    <TimePickerDialog
      key={messageId}
      title={t("reminders.remindMe")}
      presets={REMINDER_PRESETS}
      confirmLabel={t("reminders.set")}
      onPick={(at) => setReminder(messageId, at)}
      onClose={() => openFor(null)}
      testId="reminder-picker"
    />
  );
}
