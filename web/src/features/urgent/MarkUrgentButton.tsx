import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BellRing } from "../../ui/icons";
import { errorMessage } from "../auth/errorMessage";
import { UrgentPicker } from "./UrgentPicker";
import { urgentApi } from "./urgentActions";

/** The sender's "Mark urgent…" action on a message already sent (DingTalk allows a DING after the fact). */
export function MarkUrgentButton({ messageId, conversationId }: { messageId: number; conversationId: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = (ids: number[]) => {
    setBusy(true);
    setError(null);
    // The new counts arrive on the message through its message.urgent event.
    urgentApi
      .mark(messageId, ids)
      .then(() => setOpen(false))
      .catch((err: unknown) => setError(errorMessage(t, err)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" className="icon-button" onClick={() => setOpen(true)} aria-haspopup="dialog" aria-label={t("urgent.mark")} title={t("urgent.mark")} data-testid="mark-urgent">
        <BellRing size={17} aria-hidden="true" />
      </button>
      {open && (
        <UrgentPicker
          conversationId={conversationId}
          title={t("urgent.markTitle")}
          confirmLabel={t("urgent.send")}
          initial={[]}
          busy={busy}
          error={error}
          onConfirm={confirm}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
