import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCore } from "../../core";
import { errorMessage } from "../auth/errorMessage";
import { LanguageSelect } from "./LanguageSelect";
import { translationStoreOf, useTranslationState } from "./translationStore";

/** Settings → Translation: translate incoming messages automatically, and into which language. */
export function TranslationPreferences() {
  const { t } = useTranslation();
  const core = useCore();
  const store = translationStoreOf(core);
  const status = useTranslationState(core, (s) => s.status);
  const preferences = useTranslationState(core, (s) => s.preferences);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => store.ensureLoaded(), [store]);
  if (!status?.enabled) return null;
  const current = preferences ?? { autoTranslate: false, language: null };
  const save = (autoTranslate: boolean, language: string | null) => {
    setError(null);
    setSaved(false);
    store.savePreferences({ autoTranslate, language }).then(
      () => setSaved(true),
      (err: unknown) => setError(errorMessage(t, err)),
    );
  };
  return (
    <section className="settings-section" data-testid="translation-preferences">
      <h3>{t("translation.heading")}</h3>
      <label className="checkbox">
        <input type="checkbox" checked={current.autoTranslate} onChange={(e) => save(e.target.checked, current.language ?? null)} data-testid="auto-translate" />{" "}
        {t("translation.autoTranslate")}
      </label>
      <label className="field inline">
        <span>{t("translation.myLanguage")}</span>
        <LanguageSelect languages={status.languages} value={current.language ?? null} onChange={(language) => save(current.autoTranslate, language)} testId="translation-my-language" />
      </label>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="muted small" role="status">
          {t("common.saved")}
        </p>
      )}
    </section>
  );
}
