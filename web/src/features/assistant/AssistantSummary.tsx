// "Summarize unread" in the conversation header (issue 18). Shown only where the assistant is available (an
// administrator enabled it with a language model provider); an owner or admin first allows it for the conversation
// (the messages are then sent to that provider when someone asks). The summary is Markdown through the safe renderer.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { assistantApi } from "../../api/endpoints";
import type { ConversationSummaryDto } from "../../api/types";
import { errorMessage } from "../auth/errorMessage";
import { MessageBody } from "../messages/MessageBody";
import { Sparkles } from "../../ui/icons";
import { useAssistantConsent } from "./useAssistantConsent";
import "./assistant.css";

/** readSeq: the reader's position as the conversation opens; the summary counts from it, since opening marks messages read. */
export function AssistantSummary({ conversationId, readSeq }: { conversationId: number; readSeq: number }) {
  const { t } = useTranslation();
  const { state, error, setError, allow } = useAssistantConsent(conversationId);
  const [summary, setSummary] = useState<ConversationSummaryDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [openedAt, setOpenedAt] = useState(readSeq);

  useEffect(() => {
    setSummary(null);
    setOpenedAt(readSeq);
    // Only a new conversation resets the position; reading this one must not move it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversationId]);

  if (!state?.available || (!state.consent && !state.canManageConsent)) return null;

  const summarize = async () => {
    setBusy(true);
    setError(null);
    try {
      setSummary(await assistantApi.summarizeUnread(conversationId, openedAt));
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {state.consent ? (
        <button type="button" className="assistant-button" onClick={() => void summarize()} disabled={busy} data-testid="summarize-unread"
          aria-label={t("assistant.summarizeUnread")} title={t("assistant.summarizeUnread")}>
          <Sparkles size={15} aria-hidden="true" /> <span className="assistant-label">{busy ? t("assistant.summarizing") : t("assistant.summarizeUnread")}</span>
        </button>
      ) : (
        <button type="button" className="assistant-button" onClick={() => void allow()} data-testid="assistant-allow" aria-label={t("assistant.allow")} title={t("assistant.allow")}>
          <Sparkles size={15} aria-hidden="true" /> <span className="assistant-label">{t("assistant.allow")}</span>
        </button>
      )}
      {(summary || error) && (
        <div className="assistant-summary" role="dialog" aria-label={t("assistant.summaryTitle")} data-testid="assistant-summary">
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : summary && summary.messageCount === 0 ? (
            <p className="muted">{t("assistant.nothingUnread")}</p>
          ) : (
            summary && (
              <>
                <p className="muted small">{t("assistant.summaryOf", { count: summary.messageCount })}</p>
                <MessageBody text={summary.text} />
              </>
            )
          )}
          <button type="button" onClick={() => (setSummary(null), setError(null))}>
            {t("assistant.close")}
          </button>
        </div>
      )}
    </>
  );
}
