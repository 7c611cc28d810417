// Settings → push notifications: this device on or off, the user's devices, do-not-disturb and hidden previews.
import { BellOff, BellRing, Trash2 } from "lucide-react";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { pushApi } from "../../api/endpoints";
import type { PushSettingsDto, PushSubscriptionDto } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { ErrorText } from "../../ui/ErrorText";
import { errorMessage } from "../auth/errorMessage";
import { disablePush, enablePush, pushState, type PushState } from "./pushDevice";
import { browserTimeZone, deviceLabel, pauseEnd, PAUSES, type Pause } from "./pushSettings";
import "./push.css";

export function PushSection({ userId }: { userId: number }) {
  const { t, i18n } = useTranslation();
  const [devices, setDevices] = useState<PushSubscriptionDto[]>([]);
  const [state, setState] = useState<{ state: PushState; deviceId: number | null }>({ state: "off", deviceId: null });
  const [settings, setSettings] = useState<PushSettingsDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const reload = useCallback(async () => {
    const list = (await pushApi.devices()).items;
    setDevices(list);
    setState(await pushState(list));
  }, []);

  useEffect(() => {
    reload().catch((err) => setError(errorMessage(t, err)));
    pushApi
      .settings()
      .then(setSettings)
      .catch((err) => setError(errorMessage(t, err)));
  }, [reload, t]);

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      if (state.state === "on") await disablePush(state.deviceId);
      else await enablePush(userId, i18n.language);
      await reload();
    } catch (err) {
      setError(err instanceof Error && ["denied", "default", "unsupported"].includes(err.message) ? t(`push.state.${err.message === "default" ? "off" : err.message}`) : errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: number) => {
    try {
      if (id === state.deviceId) await disablePush(id);
      else await pushApi.remove(id);
      await reload();
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const quiet = form.get("quiet") === "on";
    const pause = String(form.get("pause") ?? "");
    const keepPause = pause === "keep" ? (settings?.pausedUntil ?? null) : null;
    setSaved(false);
    setError(null);
    try {
      const next = await pushApi.saveSettings({
        hideContent: form.get("hideContent") === "on",
        quietStart: quiet ? String(form.get("quietStart")) : null,
        quietEnd: quiet ? String(form.get("quietEnd")) : null,
        timeZone: browserTimeZone(),
        pausedUntil: PAUSES.includes(pause as Pause) ? pauseEnd(pause as Pause).toISOString() : keepPause,
      });
      setSettings(next);
      setSaved(true);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <section className="settings-section" data-testid="push-section">
      <h3>{t("push.title")}</h3>
      <div className="row push-this-device">
        <span className="grow" data-testid="push-state">
          {t("push.thisDevice")}: <strong>{t(`push.state.${state.state}`)}</strong>
        </span>
        {(state.state === "on" || state.state === "off") && (
          <button type="button" onClick={() => void toggle()} disabled={busy} data-testid="push-toggle">
            {state.state === "on" ? <BellOff size={16} aria-hidden /> : <BellRing size={16} aria-hidden />}
            {state.state === "on" ? t("push.disable") : t("push.enable")}
          </button>
        )}
      </div>

      <h4>{t("push.devices")}</h4>
      {devices.length === 0 ? (
        <p className="muted" data-testid="push-no-devices">
          {t("push.noDevices")}
        </p>
      ) : (
        <ul className="plain-list" data-testid="push-devices">
          {devices.map((d) => (
            <li key={d.id} className="row push-device">
              <span className="grow">
                {deviceLabel(d.userAgent) ?? t("settings.unknownDevice")} · <span className="muted">{t("push.since", { date: formatDateTime(d.createdAt) })}</span>
                {d.id === state.deviceId && <strong> · {t("settings.thisDevice")}</strong>}
                {d.lastError && <span className="muted"> · {t("push.failing")}</span>}
              </span>
              <button type="button" onClick={() => void remove(d.id)} aria-label={t("push.remove")} title={t("push.remove")}>
                <Trash2 size={16} aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}

      {settings && (
        <form className="push-dnd" onSubmit={save} data-testid="push-settings-form">
          <h4>{t("push.dnd")}</h4>
          <label className="checkbox">
            <input type="checkbox" name="quiet" defaultChecked={settings.quietStart !== null && settings.quietStart !== undefined} data-testid="push-quiet" />
            {t("push.quietHours")}
          </label>
          <div className="inline-form wrap push-times">
            <label>
              <span>{t("push.from")}</span>
              <input type="time" name="quietStart" defaultValue={settings.quietStart ?? "22:00"} data-testid="push-quiet-start" />
            </label>
            <label>
              <span>{t("push.to")}</span>
              <input type="time" name="quietEnd" defaultValue={settings.quietEnd ?? "07:00"} data-testid="push-quiet-end" />
            </label>
          </div>
          <p className="muted field-hint">{t("push.timeZone", { zone: settings.timeZone ?? browserTimeZone() ?? "UTC" })}</p>
          <label className="field inline">
            <span>{t("push.pause")}</span>
            <select name="pause" defaultValue={settings.pausedUntil ? "keep" : ""} data-testid="push-pause">
              <option value="">{t("push.pauseOff")}</option>
              {settings.pausedUntil && <option value="keep">{t("push.pausedUntil", { date: formatDateTime(settings.pausedUntil) })}</option>}
              {PAUSES.map((p) => (
                <option key={p} value={p}>
                  {t(`push.pauseFor.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" name="hideContent" defaultChecked={settings.hideContent} data-testid="push-hide-content" />
            {t("push.hideContent")}
          </label>
          {settings.serverPreview !== "full" && <p className="muted field-hint">{t(`push.serverPreview.${settings.serverPreview}`)}</p>}
          <div className="row">
            <button type="submit" data-testid="push-settings-save">
              {t("push.save")}
            </button>
            {saved && (
              <span className="muted" role="status">
                {t("push.saved")}
              </span>
            )}
          </div>
        </form>
      )}
      <ErrorText error={error} />
    </section>
  );
}
