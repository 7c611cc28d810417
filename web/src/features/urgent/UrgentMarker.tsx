import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import "./urgent.css";
import type { MessageUrgentDto, UrgentStateDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { formatDateTime } from "../../i18n/format";
import { BellRing, X } from "../../ui/icons";
import { displayName } from "../conversations/title";
import { urgentApi } from "./urgentActions";

/** The red urgent marker every member sees, "n/m acknowledged"; opens who acknowledged (as far as the caller may see). */
export function UrgentMarker({ messageId, urgent }: { messageId: number; urgent: MessageUrgentDto }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <span className="receipt-anchor">
      <button type="button" className="link-button urgent-marker" onClick={() => setOpen((v) => !v)} aria-expanded={open} data-testid="urgent-marker">
        <BellRing size={14} aria-hidden="true" />
        {t("urgent.acknowledgedCount", { done: urgent.acknowledged, total: urgent.targets })}
      </button>
      {open && <AckPopover messageId={messageId} version={urgent.acknowledged + urgent.targets * 1000} onClose={() => setOpen(false)} />}
    </span>
  );
}

function AckPopover({ messageId, version, onClose }: { messageId: number; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const core = useCore();
  const users = useChat((s) => s.users);
  const [state, setState] = useState<UrgentStateDto | null>(null);
  const [failed, setFailed] = useState(false);
  // Reloads when the counts on the message change (someone acknowledged while it is open).
  useEffect(() => {
    urgentApi
      .state(messageId)
      .then((loaded) => {
        setState(loaded);
        core.people.ensureUsers(loaded.recipients.map((r) => r.userId));
      })
      .catch(() => setFailed(true));
  }, [core, messageId, version]);
  return (
    <div className="popover" role="dialog" aria-label={t("urgent.ackListTitle")} onKeyDown={(e) => e.key === "Escape" && onClose()} data-testid="urgent-acks">
      <div className="row">
        <strong className="grow">{t("urgent.ackListTitle")}</strong>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t("common.close")} autoFocus>
          <X size={16} aria-hidden="true" />
        </button>
      </div>
      {failed && <p className="error">{t("errors.network")}</p>}
      {state && (
        <>
          <ul className="plain-list urgent-acks">
            {state.recipients.map((r) => (
              <li key={r.userId} className={r.acknowledgedAt ? "acked" : ""}>
                <span className="grow">{displayName(users, r.userId, t)}</span>
                <span className="muted small">{r.acknowledgedAt ? t("urgent.ackedAt", { time: formatDateTime(r.acknowledgedAt) }) : t("urgent.notYet")}</span>
              </li>
            ))}
          </ul>
          {state.recipients.length < state.targets && <p className="muted small">{t("urgent.onlyYours")}</p>}
        </>
      )}
    </div>
  );
}
