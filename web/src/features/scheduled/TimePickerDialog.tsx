import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../../ui/Dialog";
import { formatDateTime } from "../../i18n/format";
import { errorMessage } from "../auth/errorMessage";
import { fromLocalInput, presetTime, timeProblem, toLocalInput, type PresetId } from "./presets";

interface Props {
  title: string;
  presets: PresetId[];
  /** The button that takes the custom time ("Schedule", "Remind me"). */
  confirmLabel: string;
  onPick: (date: Date) => Promise<void>;
  onClose: () => void;
  testId: string;
}

/** Quick choices (each one click) and a custom local date and time; errors from the server are shown in place. */
export function TimePickerDialog({ title, presets, confirmLabel, onPick, onClose, testId }: Props) {
  const { t } = useTranslation();
  const [now] = useState(() => new Date());
  const [custom, setCustom] = useState(() => toLocalInput(presetTime("in1h", now)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = (date: Date | null) => {
    const problem = timeProblem(date, new Date());
    if (problem || !date) {
      setError(t(`scheduled.time.${problem ?? "invalid"}`));
      return;
    }
    setBusy(true);
    setError(null);
    onPick(date)
      .then(onClose)
      .catch((err: unknown) => setError(errorMessage(t, err)))
      .finally(() => setBusy(false));
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <div className="time-picker" data-testid={testId}>
        <ul className="plain-list time-presets">
          {presets.map((id) => {
            const at = presetTime(id, now);
            return (
              <li key={id}>
                <button type="button" className="time-preset" disabled={busy} onClick={() => pick(at)} data-testid={`preset-${id}`}>
                  <span>{t(`scheduled.presets.${id}`)}</span>
                  <span className="muted small">{formatDateTime(at.toISOString())}</span>
                </button>
              </li>
            );
          })}
        </ul>
        <label className="time-custom">
          <span>{t("scheduled.custom")}</span>
          <input type="datetime-local" value={custom} min={toLocalInput(now)} onChange={(e) => setCustom(e.target.value)} data-testid="custom-time" />
        </label>
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => pick(fromLocalInput(custom))} data-testid="confirm-time">
            {confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
