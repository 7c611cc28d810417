// Reply suggestions in the service panel (issue 18: "suggest replies for agents"). Shown only where an administrator
// enabled the assistant with a language model. The agent holding the conversation first allows the assistant there
// (the server lets the holder decide, as it does for auto-translation); the latest messages then go to that provider
// when the agent asks. A suggestion is plain text; a click sends it as the agent's reply, like a canned reply.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { assistantApi } from "../../api/endpoints";
import { useCore } from "../../core";
import { errorMessage } from "../auth/errorMessage";
import { sendMessage } from "../messages/messageActions";
import { useAssistantConsent } from "../assistant/useAssistantConsent";

export function ServiceAssistant({ conversationId, open }: { conversationId: number; open: boolean }) {
  const { t } = useTranslation();
  const core = useCore();
  const { state, error, setError, allow } = useAssistantConsent(conversationId, open);
  const [suggestions, setSuggestions] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  // Holding the conversation is what lets the agent decide: the hook asks again when it opens or closes.
  useEffect(() => setSuggestions(null), [conversationId, open]);

  if (!open || !state?.available || (!state.consent && !state.canManageConsent)) return null;

  const suggest = async () => {
    setBusy(true);
    setError(null);
    try {
      setSuggestions((await assistantApi.suggestReplies(conversationId)).suggestions);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2>{t("assistant.suggestTitle")}</h2>
      <div className="service-form" data-testid="service-assistant">
        {state.consent ? (
          <button type="button" onClick={() => void suggest()} disabled={busy} data-testid="service-suggest">
            {busy ? t("assistant.suggesting") : t("assistant.suggest")}
          </button>
        ) : (
          <button type="button" onClick={() => void allow()} data-testid="service-assistant-allow">
            {t("assistant.allow")}
          </button>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {suggestions && suggestions.length === 0 && <p className="muted service-hint">{t("assistant.noSuggestions")}</p>}
        {suggestions && suggestions.length > 0 && (
          <>
            <p className="muted service-hint">{t("assistant.suggestHint")}</p>
            <ul className="service-canned" data-testid="service-suggestions" aria-live="polite">
              {suggestions.map((text, i) => (
                <li key={i}>
                  <button
                    type="button"
                    className="service-canned-item"
                    onClick={() => {
                      sendMessage(core, conversationId, text);
                      setSuggestions(null);
                    }}
                    title={t("service.panel.cannedSend")}
                  >
                    <span>{text}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </>
  );
}
