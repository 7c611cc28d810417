import { useTranslation } from "react-i18next";
import type { CallDto } from "../../api/types";
import { useChat } from "../../core";
import { formatTime } from "../../i18n/format";
import { Phone, PhoneMissed, Video } from "../../ui/icons";
import { displayName } from "../conversations/title";
import { formatDuration } from "./CallOverlay";

/** A call in the message list: who called, how it ended (answered with its duration, declined, missed, busy, cancelled). */
export function CallRecord({ call }: { call: CallDto }) {
  const { t } = useTranslation();
  const me = useChat((s) => s.me?.id ?? -1);
  const caller = useChat((s) => displayName(s.users, call.startedBy, t));
  const running = call.endedAt === null;
  const outcome = call.outcome ?? "completed";
  const missedByMe = outcome === "missed" && call.startedBy !== me;
  const answered = call.answeredAt !== null && call.endedAt !== null;
  const seconds = answered ? Math.round((Date.parse(call.endedAt!) - Date.parse(call.answeredAt!)) / 1000) : 0;
  const kind = call.media === "video" ? t("calls.videoCall") : t("calls.voiceCall");
  const kindLower = call.media === "video" ? t("calls.videoCallLower") : t("calls.voiceCallLower");
  const text = running
    ? t("calls.record.running", { kind, name: caller })
    : answered
      ? t("calls.record.ended", { kind, duration: formatDuration(seconds) })
      : t(`calls.record.${outcome}`, { kind, kindLower, name: caller });
  const Icon = missedByMe || outcome === "declined" ? PhoneMissed : call.media === "video" ? Video : Phone;
  return (
    <div className={`call-record${missedByMe ? " missed" : ""}`} data-testid="call-record" data-call-id={call.id} data-outcome={running ? "running" : outcome}>
      <Icon size={15} aria-hidden="true" />
      <span>{text}</span>
      <time className="muted" dateTime={call.endedAt ?? call.startedAt}>
        {formatTime(call.endedAt ?? call.startedAt)}
      </time>
    </div>
  );
}
