import { useTranslation } from "react-i18next";
import type { MessageDto } from "../../api/types";
import { useCore } from "../../core";
import { Languages } from "../../ui/icons";
import { defaultLanguage, translationStoreOf, useTranslationState } from "./translationStore";

/** "Translate" in a message's actions (shown when an administrator enabled a provider); pressed again, it hides the translation. */
export function TranslateButton({ message }: { message: MessageDto }) {
  const { t, i18n } = useTranslation();
  const core = useCore();
  const enabled = useTranslationState(core, (s) => s.status?.enabled === true);
  const language = useTranslationState(core, (s) => defaultLanguage(s, i18n.language));
  const shown = useTranslationState(core, (s) => s.requested[message.id] != null);
  if (!enabled || !language || !message.text || message.poll) return null;
  const label = shown ? t("translation.hide") : t("translation.translate");
  return (
    <button type="button" className="icon-button" aria-pressed={shown} aria-label={label} title={label} data-testid="translate"
      onClick={() => translationStoreOf(core).request(message.id, shown ? null : language)}>
      <Languages size={17} aria-hidden="true" />
    </button>
  );
}
