import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AlarmClock } from "../../ui/icons";
import { REMINDER_PRESETS } from "./presets";
import { setReminder } from "./scheduledActions";
import { TimePickerDialog } from "./TimePickerDialog";
import "./scheduled.css";

/** A message action: "Remind me about this" at a chosen time. */
export function RemindMeButton({ messageId }: { messageId: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="icon-button" onClick={() => setOpen(true)} aria-haspopup="dialog" aria-label={t("reminders.remindMe")} title={t("reminders.remindMe")} data-testid="remind-me">
        <AlarmClock size={17} aria-hidden="true" />
      </button>
      {open && (
        <TimePickerDialog
          title={t("reminders.remindMe")}
          presets={REMINDER_PRESETS}
          confirmLabel={t("reminders.set")}
          onPick={(at) => setReminder(messageId, at)}
          onClose={() => setOpen(false)}
          testId="reminder-picker"
        />
      )}
    </>
  );
}
