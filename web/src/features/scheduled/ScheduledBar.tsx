import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CalendarClock } from "../../ui/icons";
import { useScheduled } from "./scheduledStore";
import "./scheduled.css";

const ScheduledListDialog = lazy(() => import("./ScheduledListDialog"));

/** "N scheduled messages" above the composer of a conversation that has some; opens their list. */
export function ScheduledBar({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const counts = useScheduled((s) => {
    const here = s.scheduled.filter((m) => m.conversationId === conversationId);
    return `${here.length}:${here.filter((m) => m.status === "failed").length}`;
  });
  const [count, failed] = counts.split(":").map(Number) as [number, number];
  const [open, setOpen] = useState(false);
  // The list closes itself once its last message is sent or deleted (focus goes back to the message box).
  useEffect(() => {
    if (count === 0) setOpen(false);
  }, [count]);
  if (count === 0) return null;
  return (
    <>
      <button type="button" className={`scheduled-bar${failed > 0 ? " failed" : ""}`} onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid="scheduled-bar">
        <CalendarClock size={15} aria-hidden="true" />
        <span>{t("scheduled.bar", { count })}</span>
        {failed > 0 && <span className="error">{t("scheduled.barFailed", { count: failed })}</span>}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ScheduledListDialog conversationId={conversationId} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
