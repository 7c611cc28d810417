// Admin console → System settings: limits that otherwise live in appsettings, changed here without a restart
// (PUT /api/v1/admin/settings/{key}); each shows its configured default and can go back to it.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { adminApi } from "../../../api/endpoints";
import { errorMessage } from "../../auth/errorMessage";
import { displayUnit, fromDisplay, groupOf, normalize, toDisplay, type RuntimeSetting } from "./settingsDisplay";
import "./settings.css";

export default function SettingsSection() {
  const { t } = useTranslation();
  const [items, setItems] = useState<RuntimeSetting[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    adminApi.settings().then(
      (r) => setItems(r.items.map(normalize)),
      (err: unknown) => setError(errorMessage(t, err)),
    );
  }, [t]);

  const replace = (next: RuntimeSetting) => setItems((all) => all?.map((s) => (s.key === next.key ? next : s)) ?? null);
  const groups = [...new Set((items ?? []).map((s) => groupOf(s.key)))];

  return (
    <div data-testid="admin-settings">
      <h2>{t("admin.sections.settings")}</h2>
      <p className="muted">{t("admin.settings.intro")}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {groups.map((g) => (
        <fieldset key={g} className="admin-card settings-group">
          <legend>{t(`admin.settings.groups.${g}`)}</legend>
          {items!
            .filter((s) => groupOf(s.key) === g)
            .map((s) => (
              <SettingRow key={s.key} setting={s} onSaved={replace} />
            ))}
        </fieldset>
      ))}
    </div>
  );
}

function SettingRow({ setting, onSaved }: { setting: RuntimeSetting; onSaved: (s: RuntimeSetting) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => toDisplay(setting, setting.value));
  const [message, setMessage] = useState<{ kind: "error" | "status"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(toDisplay(setting, setting.value)), [setting]);

  const unit = t(displayUnit(setting).unitKey);
  const id = `setting-${setting.key.replace(/\./g, "-")}`;
  const range = t("admin.settings.range", { min: toDisplay(setting, setting.min), max: toDisplay(setting, setting.max), unit });
  const changed = text.trim() !== toDisplay(setting, setting.value);

  const run = async (call: () => ReturnType<typeof adminApi.resetSetting>) => {
    setBusy(true);
    try {
      onSaved(normalize(await call()));
      setMessage({ kind: "status", text: t("common.saved") });
    } catch (err) {
      setMessage({ kind: "error", text: errorMessage(t, err) });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const value = fromDisplay(setting, text);
    if (value === null) {
      setMessage({ kind: "error", text: t("admin.settings.outOfRange", { range }) });
      return;
    }
    void run(() => adminApi.setSetting(setting.key, value));
  };

  return (
    <div className="setting-row" data-testid={id}>
      <label htmlFor={id + "-input"} className="setting-label">
        <strong>{t(`admin.settings.keys.${setting.key}`)}</strong>
        {setting.overridden && <span className="setting-badge">{t("admin.settings.overridden")}</span>}
        <span className="muted small">
          {t("admin.settings.default", { value: toDisplay(setting, setting.default), unit })} · {range}
          {setting.clientVisible ? ` · ${t("admin.settings.clientVisible")}` : ""}
        </span>
      </label>
      <div className="setting-edit">
        <input
          id={id + "-input"}
          inputMode="decimal"
          value={text}
          onChange={(e) => (setText(e.target.value), setMessage(null))}
          onKeyDown={(e) => e.key === "Enter" && save()}
          aria-invalid={message?.kind === "error" || undefined}
          aria-describedby={message ? id + "-message" : undefined}
          data-testid={id + "-input"}
        />
        <span className="setting-unit">{unit}</span>
        <button type="button" onClick={save} disabled={busy || !changed} data-testid={id + "-save"}>
          {t("common.save")}
        </button>
        {setting.overridden ? (
          <button type="button" onClick={() => void run(() => adminApi.resetSetting(setting.key))} disabled={busy} data-testid={id + "-reset"}>
            {t("admin.settings.reset")}
          </button>
        ) : (
          <span aria-hidden="true" />
        )}
      </div>
      {message && (
        <p id={id + "-message"} className={message.kind === "error" ? "error small" : "notice small"} role={message.kind === "error" ? "alert" : "status"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
