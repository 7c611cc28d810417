// Admin console → Translation: which engines may receive message text (none by default), the languages offered, and
// each engine's settings. Secrets are write-only: the server says whether one is stored, never what it is.
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TranslationSettingsDto } from "../../../api/types";
import { useCore } from "../../../core";
import { errorMessage } from "../../auth/errorMessage";
import { languageName, providerName } from "../../translation/names";
import { translationStoreOf } from "../../translation/translationStore";
import { SectionNotices } from "../SectionNotices";
import { changedFields, enabledOrder, initialValues, loadTranslationSettings, saveTranslationSettings, type FieldValues } from "./translationAdminActions";
import "../ldap/ldap.css";

export default function TranslationSection() {
  const { t } = useTranslation();
  const core = useCore();
  const [settings, setSettings] = useState<TranslationSettingsDto | null>(null);
  const [enabled, setEnabled] = useState<Set<string>>(new Set());
  const [languages, setLanguages] = useState<Set<string>>(new Set());
  const [values, setValues] = useState<FieldValues>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const show = (s: TranslationSettingsDto) => {
    setSettings(s);
    setEnabled(new Set(s.enabledProviders));
    setLanguages(new Set(s.languages));
    setValues(initialValues(s));
  };

  useEffect(() => {
    loadTranslationSettings().then(show, (err: unknown) => setError(errorMessage(t, err)));
  }, [t]);

  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!settings) return;
    setError(null);
    setStatus(null);
    const ordered = settings.knownLanguages.filter((l) => languages.has(l));
    saveTranslationSettings({ enabledProviders: enabledOrder(settings.enabledProviders, enabled), languages: ordered, fields: changedFields(settings, values) }).then(
      (s) => {
        show(s);
        setStatus(t("common.saved"));
        translationStoreOf(core).reload();
      },
      (err: unknown) => setError(errorMessage(t, err)),
    );
  };

  if (!settings) return <SectionNotices error={error} status={null} />;
  return (
    <form className="ldap-form" onSubmit={submit} data-testid="admin-translation">
      <h2>{t("admin.sections.translation")}</h2>
      <p className="muted">{t("translationAdmin.intro")}</p>
      <fieldset className="admin-card">
        <legend>{t("translationAdmin.languages")}</legend>
        <div className="row wrap">
          {settings.knownLanguages.map((code) => (
            <label key={code} className="ldap-check">
              <input type="checkbox" checked={languages.has(code)} onChange={(e) => setLanguages((s) => toggle(s, code, e.target.checked))} data-testid={`translation-language-${code}`} />
              {languageName(t, code)}
            </label>
          ))}
        </div>
      </fieldset>
      {settings.providers.map((p) => (
        <fieldset key={p.id} className="admin-card" data-testid={`translation-provider-${p.id}`}>
          <legend>
            {providerName(t, p.id)}{" "}
            <span className="muted small">· {p.offline ? t("translationAdmin.offline") : t("translationAdmin.external")} · {p.configured ? t("translationAdmin.configured") : t("translationAdmin.notConfigured")}</span>
          </legend>
          <label className="ldap-check">
            <input type="checkbox" checked={enabled.has(p.id)} onChange={(e) => setEnabled((s) => toggle(s, p.id, e.target.checked))} data-testid={`translation-enable-${p.id}`} />
            {t("translationAdmin.enable")}
          </label>
          <div className="ldap-grid">
            {p.fields.map((f) => (
              <label key={f.name} className="ldap-field">
                <span>{t(`translationAdmin.fields.${f.name}`, { defaultValue: f.name })}</span>
                <input
                  type={f.secret ? "password" : "text"}
                  autoComplete={f.secret ? "new-password" : "off"}
                  value={values[p.id]?.[f.name] ?? ""}
                  placeholder={f.secret ? (f.set ? t("translationAdmin.secretSet") : t("translationAdmin.secretNotSet")) : ""}
                  onChange={(e) => setValues((v) => ({ ...v, [p.id]: { ...v[p.id], [f.name]: e.target.value } }))}
                  data-testid={`translation-field-${p.id}-${f.name}`}
                />
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="row">
        <button type="submit" className="primary" data-testid="translation-save">
          {t("common.save")}
        </button>
      </div>
      <SectionNotices error={error} status={status} />
    </form>
  );
}
