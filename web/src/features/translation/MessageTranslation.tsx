import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { MessageDto } from "../../api/types";
import { useCore } from "../../core";
import { Languages } from "../../ui/icons";
import { errorMessage } from "../auth/errorMessage";
import { languageName, providerName } from "./names";
import { defaultLanguage, resultKey, translationStoreOf, useTranslationState } from "./translationStore";
import "./translation.css";

/**
 * The translation under a message: asked for with "Translate", or automatic (the user's or the conversation's setting)
 * for others' messages, fetched only once the message scrolls into view. Shows the engine, a language choice,
 * "Hide original" / "Show original" and "Hide translation". The text is rendered as text, never as HTML.
 */
export function MessageTranslation({ message, mine }: { message: MessageDto; mine: boolean }) {
  const { t, i18n } = useTranslation();
  const core = useCore();
  const store = translationStoreOf(core);
  const enabled = useTranslationState(core, (s) => s.status?.enabled === true);
  const requested = useTranslationState(core, (s) => s.requested[message.id]);
  const auto = useTranslationState(core, (s) => !mine && (s.preferences?.autoTranslate === true || s.conversations[message.conversationId] === true));
  const fallback = useTranslationState(core, (s) => defaultLanguage(s, i18n.language));
  const offered = useTranslationState(core, (s) => s.status?.languages);
  const originalHidden = useTranslationState(core, (s) => s.originalHidden[message.id] === true);
  const language = !enabled ? null : requested !== undefined ? requested : auto ? fallback : null;
  const entry = useTranslationState(core, (s) => (language ? s.results[resultKey(message, language)] : undefined));
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => store.ensureLoaded(), [store]);
  useEffect(() => {
    if (enabled) store.ensureConversation(message.conversationId);
  }, [store, enabled, message.conversationId]);
  useEffect(() => {
    if (!language || !message.text) return;
    if (requested) {
      store.fetch(message, language);
      return;
    }
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((e) => e.isIntersecting)) {
        observer.disconnect();
        store.fetch(message, language);
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [store, language, requested, message]);

  if (!language || !message.text) return null;
  // Automatic translation of a message already in the reader's language says nothing new.
  if (!requested && entry?.state === "done" && (entry.dto.sourceLanguage === language || entry.dto.text === message.text)) return null;
  return (
    <div className={`message-translation${entry || requested ? "" : " waiting"}`} ref={ref} data-testid="translation" data-state={entry?.state ?? "waiting"}>
      {entry?.state === "done" ? (
        <>
          <p className="translation-text" lang={language} data-testid="translation-text">
            {entry.dto.text}
          </p>
          <div className="translation-meta muted small">
            <Languages size={13} aria-hidden="true" />
            <span data-testid="translation-provider">{t("translation.by", { provider: providerName(t, entry.dto.provider) })}</span>
            <select value={language} aria-label={t("translation.language")} onChange={(e) => store.request(message.id, e.target.value)} data-testid="translation-language">
              {(offered ?? [language]).map((code) => (
                <option key={code} value={code}>
                  {languageName(t, code)}
                </option>
              ))}
            </select>
            <button type="button" className="link-button" onClick={() => store.toggleOriginal(message.id)} data-testid="toggle-original">
              {originalHidden ? t("translation.showOriginal") : t("translation.hideOriginal")}
            </button>
            <button type="button" className="link-button" onClick={() => store.request(message.id, null)} data-testid="close-translation">
              {t("translation.hide")}
            </button>
          </div>
        </>
      ) : entry?.state === "error" ? (
        requested ? (
          <p className="error small" role="alert">
            {errorMessage(t, entry.error)}
          </p>
        ) : null
      ) : requested || entry?.state === "loading" ? (
        <p className="muted small" role="status">
          {t("translation.translating")}
        </p>
      ) : null}
    </div>
  );
}

/** Whether the message's original text is folded away under its translation. */
export function useOriginalHidden(messageId: number): boolean {
  const core = useCore();
  return useTranslationState(core, (s) => s.originalHidden[messageId] === true && s.requested[messageId] !== null);
}
