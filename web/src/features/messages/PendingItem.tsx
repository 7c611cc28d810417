import { useTranslation } from "react-i18next";
import { useCore, type PendingMessage } from "../../core";
import { discardPending, retryPending } from "./messageActions";
import { MessageBody } from "./MessageBody";
import { Paperclip } from "../../ui/icons";

/** A message not yet acknowledged by the server: shown in place, greyed, with its state. */
export function PendingItem({ pending }: { pending: PendingMessage }) {
  const { t } = useTranslation();
  const core = useCore();
  return (
    <article className={`message pending ${pending.status}`} data-testid="pending-message" data-status={pending.status} aria-label={t(`pending.${pending.status}`)}>
      <div className="message-gutter" />
      <div className="message-main">
        {pending.text && <MessageBody text={pending.text} />}
        {pending.files && pending.files.length > 0 && (
          <ul className="plain-list pending-files small">
            {pending.files.map((f) => (
              <li key={f.id}>
                <Paperclip size={13} aria-hidden="true" /> {f.name}
              </li>
            ))}
          </ul>
        )}
        <div className="pending-state small">
          {pending.status === "failed" ? (
            <>
              <span className="error">{t("pending.failed")}</span>
              {pending.error && <span className="muted"> ({t(`errors.${pending.error}`, { defaultValue: pending.error })})</span>}
              <button type="button" className="link-button" onClick={() => retryPending(core, pending.clientMsgId)}>
                {t("pending.retry")}
              </button>
              <button type="button" className="link-button" onClick={() => discardPending(core, pending.clientMsgId)}>
                {t("pending.discard")}
              </button>
            </>
          ) : (
            <span className="muted">{t(`pending.${pending.status}`)}</span>
          )}
        </div>
      </div>
    </article>
  );
}
