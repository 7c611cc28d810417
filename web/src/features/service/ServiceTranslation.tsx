// The service panel's translation control (issue 18: "visitor writes English, agent reads Chinese"): the
// conversation's auto-translation (the per-conversation setting of features/translation, which the agent holding
// the conversation may switch) and the language the agent reads translations in (their own preference, the one in
// Settings). Translations then appear under the visitor's messages as everywhere else.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCore } from "../../core";
import { errorMessage } from "../auth/errorMessage";
import { LanguageSelect } from "../translation/LanguageSelect";
import { translationStoreOf, useTranslationState } from "../translation/translationStore";

export function ServiceTranslation({ conversationId, open }: { conversationId: number; open: boolean }) {
  const { t } = useTranslation();
  const core = useCore();
  const store = translationStoreOf(core);
  const status = useTranslationState(core, (s) => s.status);
  const auto = useTranslationState(core, (s) => s.conversations[conversationId] === true);
  const preferences = useTranslationState(core, (s) => s.preferences);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => store.ensureLoaded(), [store]);
  useEffect(() => {
    if (status?.enabled) store.ensureConversation(conversationId);
  }, [store, status?.enabled, conversationId]);

  if (status === null) return null;
  if (!status.enabled) return <p className="muted service-hint">{t("service.translation.off")}</p>;
  const fail = (err: unknown) => setError(errorMessage(t, err));
  const changeAuto = (value: boolean) => {
    setError(null);
    store.saveConversation(conversationId, value).catch(fail);
  };
  const changeLanguage = (language: string | null) => {
    setError(null);
    store.savePreferences({ autoTranslate: preferences?.autoTranslate ?? false, language }).catch(fail);
  };
  return (
    <div className="service-form" data-testid="service-translation">
      <label className="checkbox">
        <input type="checkbox" checked={auto} disabled={!open} onChange={(e) => changeAuto(e.target.checked)} data-testid="service-auto-translate" />{" "}
        {t("service.translation.auto")}
      </label>
      <label className="field">
        <span>{t("service.translation.language")}</span>
        <LanguageSelect languages={status.languages} value={preferences?.language ?? null} onChange={changeLanguage} testId="service-translation-language" />
      </label>
      <p className="muted service-hint">{t("service.translation.hint")}</p>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
