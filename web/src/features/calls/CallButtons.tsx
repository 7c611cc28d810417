import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationDto } from "../../api/types";
import { Phone, Video } from "../../ui/icons";
import { errorMessage } from "../auth/errorMessage";
import { useCalls } from "./useCalls";

/** The conversation header's call buttons: voice and video, or "Join" while a call runs here that I am not in. */
export function CallButtons({ conversation }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const [calls, center] = useCalls();
  const [error, setError] = useState<string | null>(null);
  const running = calls.running[conversation.id];
  const inThisCall = calls.session?.call.id === running?.id && running !== undefined;
  const busy = calls.session !== null;
  const run = (action: Promise<void>) => {
    setError(null);
    action.catch((e: unknown) => setError(errorMessage(t, e)));
  };
  if (conversation.isArchived) return null;
  return (
    <span className="call-buttons">
      {running && !inThisCall ? (
        <button type="button" className="call-join" onClick={() => run(center.join(running))} disabled={busy} data-testid="call-join">
          <Phone size={15} aria-hidden="true" /> {t("calls.join")}
        </button>
      ) : (
        <>
          <button type="button" className="icon-button" onClick={() => run(center.start(conversation.id, "audio"))} disabled={busy} aria-label={t("calls.startAudio")} title={t("calls.startAudio")} data-testid="call-audio">
            <Phone size={17} aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" onClick={() => run(center.start(conversation.id, "video"))} disabled={busy} aria-label={t("calls.startVideo")} title={t("calls.startVideo")} data-testid="call-video">
            <Video size={18} aria-hidden="true" />
          </button>
        </>
      )}
      {error && (
        <span role="alert" className="error call-error">
          {error}
        </span>
      )}
    </span>
  );
}
