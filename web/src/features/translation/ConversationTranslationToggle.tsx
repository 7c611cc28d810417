import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCore } from "../../core";
import { errorMessage } from "../auth/errorMessage";
import { translationStoreOf, useTranslationState } from "./translationStore";

/** The conversation's auto-translation (its owners and admins switch it; every member sees translations into their language). */
export function ConversationTranslationToggle({ conversationId, manage }: { conversationId: number; manage: boolean }) {
  const { t } = useTranslation();
  const core = useCore();
  const store = translationStoreOf(core);
  const enabled = useTranslationState(core, (s) => s.status?.enabled === true);
  const auto = useTranslationState(core, (s) => s.conversations[conversationId] === true);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => store.ensureLoaded(), [store]);
  useEffect(() => {
    if (enabled) store.ensureConversation(conversationId);
  }, [store, enabled, conversationId]);
  if (!enabled) return null;
  const change = (value: boolean) => {
    setError(null);
    store.saveConversation(conversationId, value).catch((err: unknown) => setError(errorMessage(t, err)));
  };
  return (
    <>
      <label className="checkbox" title={t("translation.conversationHint")}>
        <input type="checkbox" checked={auto} disabled={!manage} onChange={(e) => change(e.target.checked)} data-testid="conversation-auto-translate" />{" "}
        {t("translation.conversationAuto")}
      </label>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
