import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CalendarClock } from "../../ui/icons";
import { SCHEDULE_PRESETS } from "./presets";
import { TimePickerDialog } from "./TimePickerDialog";
import "./scheduled.css";

/** Beside Send: opens the time picker and schedules what the composer holds. */
export function ScheduleSendButton({ disabled, onSchedule, testId }: { disabled: boolean; onSchedule: (at: Date) => Promise<void>; testId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="icon-button schedule-send"
        onClick={() => setOpen(true)}
        disabled={disabled}
        aria-haspopup="dialog"
        aria-label={t("scheduled.scheduleSend")}
        title={t("scheduled.scheduleSend")}
        data-testid={testId}
      >
        <CalendarClock size={18} aria-hidden="true" />
      </button>
      {open && (
        <TimePickerDialog
          title={t("scheduled.scheduleSend")}
          presets={SCHEDULE_PRESETS}
          confirmLabel={t("scheduled.schedule")}
          onPick={onSchedule}
          onClose={() => setOpen(false)}
          testId="schedule-picker"
        />
      )}
    </>
  );
}
