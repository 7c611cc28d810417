// The sidebar's way to the reminders list, with the number of due ones.
import { useTranslation } from "react-i18next";
import { useScheduled } from "./scheduledStore";

export function RemindersLink({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const due = useScheduled((s) => s.reminders.filter((r) => r.status === "due").length);
  return (
    <button type="button" onClick={onOpen} data-testid="open-reminders">
      {t("reminders.title")}
      {due > 0 && <span className="badge-due"> {due}</span>}
    </button>
  );
}
