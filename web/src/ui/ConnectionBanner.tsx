import { useTranslation } from "react-i18next";
import { useChat } from "../core";

/** Always-visible connection state; loud only when not connected. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const status = useChat((s) => s.connection);
  const queued = useChat((s) => s.pending.filter((p) => p.status !== "failed").length);
  return (
    <div className={`connection ${status}`} role="status" aria-live="polite" data-testid="connection-state" data-status={status}>
      <span className="connection-dot" aria-hidden="true" />
      {t(`connection.${status}`)}
      {queued > 0 && status !== "connected" && <span className="connection-queued">{t("connection.queued", { count: queued })}</span>}
    </div>
  );
}
