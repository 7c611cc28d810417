// The assistant's state for one conversation (available, consent, may this user decide) and the "allow" action, shared
// by the header's summary button and the service panel's reply suggestions. A consent given in one place updates the
// other at once (they would otherwise each keep the answer they fetched when the conversation opened).
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { assistantApi } from "../../api/endpoints";
import type { AssistantStateDto } from "../../api/types";
import { errorMessage } from "../auth/errorMessage";

const listeners = new Set<(conversationId: number, state: AssistantStateDto) => void>();

/** refreshKey: anything whose change should ask the server again (e.g. whether the agent still holds the chat). */
export function useAssistantConsent(conversationId: number, refreshKey?: unknown) {
  const { t } = useTranslation();
  const [state, setState] = useState<AssistantStateDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setState(null);
    setError(null);
    assistantApi.state(conversationId).then((s) => live && setState(s), () => undefined);
    const onChange = (id: number, s: AssistantStateDto) => id === conversationId && live && setState(s);
    listeners.add(onChange);
    return () => {
      live = false;
      listeners.delete(onChange);
    };
  }, [conversationId, refreshKey]);

  const allow = useCallback(async () => {
    if (!window.confirm(t("assistant.consentConfirm"))) return;
    try {
      const s = await assistantApi.setConsent(conversationId, true);
      for (const listener of listeners) listener(conversationId, s);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  }, [conversationId, t]);

  return { state, error, setError, allow };
}
