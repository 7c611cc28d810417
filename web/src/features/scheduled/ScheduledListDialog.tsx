import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../../ui/Dialog";
import { formatDateTime } from "../../i18n/format";
import { Pencil, Send, Trash2 } from "../../ui/icons";
import { errorMessage } from "../auth/errorMessage";
import { fromLocalInput, timeProblem, toLocalInput } from "./presets";
import { deleteScheduled, sendScheduledNow, updateScheduled } from "./scheduledActions";
import { useScheduled } from "./scheduledStore";
import type { ScheduledMessageDto } from "./types";

/** The conversation's scheduled messages: change text or time, send now, delete. */
export default function ScheduledListDialog({ conversationId, onClose }: { conversationId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const all = useScheduled((s) => s.scheduled);
  const items = all.filter((m) => m.conversationId === conversationId);
  return (
    <Dialog title={t("scheduled.listTitle")} onClose={onClose} wide>
      {items.length === 0 && <p className="muted">{t("scheduled.empty")}</p>}
      <ul className="plain-list scheduled-list" data-testid="scheduled-list">
        {items.map((item) => (
          <ScheduledRow key={item.id} item={item} />
        ))}
      </ul>
    </Dialog>
  );
}

/** The failed send's reason in the user's language when the code is known, else the server's text. */
function failureText(t: (key: string) => string, item: ScheduledMessageDto): string {
  const key = `scheduled.failure.${item.errorCode ?? "unknown"}`;
  const text = t(key);
  return text === key ? (item.error ?? t("scheduled.failure.unknown")) : text;
}

function ScheduledRow({ item }: { item: ScheduledMessageDto }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.text);
  const [when, setWhen] = useState(() => toLocalInput(new Date(item.sendAt)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const waiting = item.status === "pending";

  const run = (action: () => Promise<void>, after?: () => void) => {
    setBusy(true);
    setError(null);
    action()
      .then(after)
      .catch((err: unknown) => setError(errorMessage(t, err)))
      .finally(() => setBusy(false));
  };

  const save = () => {
    const date = fromLocalInput(when);
    const changedTime = date && date.getTime() !== new Date(item.sendAt).getTime() ? date : undefined;
    if (changedTime) {
      const problem = timeProblem(changedTime, new Date());
      if (problem) return setError(t(`scheduled.time.${problem}`));
    }
    const changedText = text.trim() !== item.text ? text.trim() : undefined;
    if (!changedText && !changedTime) return setEditing(false);
    run(() => updateScheduled(item.id, { text: changedText, sendAt: changedTime }), () => setEditing(false));
  };

  return (
    <li className={`scheduled-item${item.status === "failed" ? " failed" : ""}`} data-testid="scheduled-item">
      {editing ? (
        <div className="scheduled-edit">
          <textarea value={text} onChange={(e) => setText(e.target.value)} aria-label={t("scheduled.text")} rows={3} />
          <label className="time-custom">
            <span>{t("scheduled.sendAt")}</span>
            <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={() => setEditing(false)}>
              {t("common.cancel")}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={save} data-testid="save-scheduled">
              {t("common.save")}
            </button>
          </div>
        </div>
      ) : (
        <>
          <div className="scheduled-meta">
            <strong>{item.status === "failed" ? t("scheduled.failedAt", { time: formatDateTime(item.sendAt) }) : formatDateTime(item.sendAt)}</strong>
            {item.status === "sending" && <span className="muted small">{t("scheduled.sending")}</span>}
          </div>
          <p className="scheduled-text">{item.text || item.files.map((f) => f.name).join(", ")}</p>
          {item.files.length > 0 && item.text && <p className="muted small">{t("scheduled.files", { count: item.files.length })}</p>}
          {item.status === "failed" && (
            <p className="error small" role="alert">
              {failureText(t, item)}
            </p>
          )}
          <div className="scheduled-actions">
            {waiting && (
              <button type="button" onClick={() => setEditing(true)} data-testid="edit-scheduled">
                <Pencil size={14} aria-hidden="true" /> {t("scheduled.edit")}
              </button>
            )}
            {waiting && (
              <button type="button" disabled={busy} onClick={() => run(() => sendScheduledNow(item))} data-testid="send-now">
                <Send size={14} aria-hidden="true" /> {t("scheduled.sendNow")}
              </button>
            )}
            {item.status !== "sending" && (
              <button type="button" className="danger" disabled={busy} onClick={() => run(() => deleteScheduled(item))} data-testid="delete-scheduled">
                <Trash2 size={14} aria-hidden="true" /> {t("scheduled.delete")}
              </button>
            )}
          </div>
        </>
      )}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
