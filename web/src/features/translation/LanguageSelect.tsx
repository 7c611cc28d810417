import { useTranslation } from "react-i18next";
import { languageName } from "./names";

/** The user's translation language: "same as the display language" (null) or one of the offered ones. */
export function LanguageSelect({ languages, value, onChange, testId }: { languages: readonly string[]; value: string | null; onChange: (language: string | null) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <select value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
      <option value="">{t("translation.displayLanguage")}</option>
      {languages.map((code) => (
        <option key={code} value={code}>
          {languageName(t, code)}
        </option>
      ))}
    </select>
  );
}
