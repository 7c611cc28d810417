import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import "./calls.css";
import type { CallDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { Avatar } from "../../ui/Avatar";
import { Maximize2, Mic, MicOff, Minimize2, Phone, PhoneIncoming, PhoneOff, ScreenShare, ScreenShareOff, Settings, Signal, Video, VideoOff } from "../../ui/icons";
import { conversationPath, navigate } from "../../app/route";
import { errorMessage } from "../auth/errorMessage";
import { conversationTitle, displayName } from "../conversations/title";
import type { CallSession } from "./session";
import { useCalls, useSession } from "./useCalls";

/**
 * Everything of calls outside the conversation header and the message list: the incoming-call dialog (on every tab
 * of mine until one answers or declines), the in-call view and, while browsing other conversations, the call bar.
 */
export function CallOverlay() {
  const [calls, center] = useCalls();
  const core = useCore();
  const connection = useChat((s) => s.connection);

  useEffect(() => {
    if (connection === "connected") void center.load().catch(() => undefined);
  }, [center, connection]);

  useEffect(() => {
    const ids = new Set<number>();
    for (const c of Object.values(calls.running)) for (const p of c.participants) ids.add(p.userId);
    if (calls.incoming) for (const p of calls.incoming.participants) ids.add(p.userId);
    if (ids.size) core.people.ensureUsers([...ids]);
  }, [core, calls.running, calls.incoming]);

  return (
    <>
      {calls.incoming && !calls.session && <IncomingCall call={calls.incoming} />}
      {calls.session && (calls.expanded ? <CallView session={calls.session} /> : <CallBar session={calls.session} />)}
      {calls.error && !calls.session && <CallError message={calls.error} onClose={() => center.clearError()} />}
    </>
  );
}

function useConversationName(conversationId: number): string {
  const { t } = useTranslation();
  return useChat((s) => {
    const conv = s.conversations[conversationId];
    return conv ? conversationTitle(conv, s.users, s.me?.id ?? -1, t) : "";
  });
}

function IncomingCall({ call }: { call: CallDto }) {
  const { t } = useTranslation();
  const [, center] = useCalls();
  const caller = useChat((s) => displayName(s.users, call.startedBy, t));
  const where = useConversationName(call.conversationId);
  const group = useChat((s) => s.conversations[call.conversationId]?.kind !== "direct");
  const [error, setError] = useState<string | null>(null);
  const video = call.media === "video";
  return (
    <div className="incoming-call" role="alertdialog" aria-labelledby="incoming-call-title" data-testid="incoming-call" data-call-id={call.id}>
      <Avatar name={caller} id={call.startedBy} size={48} />
      <div className="incoming-text">
        <strong id="incoming-call-title">{t(video ? "calls.incomingVideo" : "calls.incomingAudio", { name: caller })}</strong>
        {group && <span className="muted">{where}</span>}
        {error && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </div>
      <div className="incoming-actions">
        <button type="button" className="call-decline" onClick={() => center.decline(call).catch((e: unknown) => setError(errorMessage(t, e)))} data-testid="call-decline">
          <PhoneOff size={18} aria-hidden="true" /> {t("calls.decline")}
        </button>
        <button type="button" className="call-accept" onClick={() => center.join(call).catch((e: unknown) => setError(errorMessage(t, e)))} data-testid="call-accept" autoFocus>
          {video ? <Video size={18} aria-hidden="true" /> : <PhoneIncoming size={18} aria-hidden="true" />} {t("calls.accept")}
        </button>
      </div>
    </div>
  );
}

function CallError({ message, onClose }: { message: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="incoming-call call-failed" role="alert">
      <span>{t("calls.failed", { message })}</span>
      <button type="button" onClick={onClose}>
        {t("common.close")}
      </button>
    </div>
  );
}

function useDuration(call: CallDto): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const from = call.answeredAt ?? call.startedAt;
  const seconds = Math.max(0, Math.floor((now - Date.parse(from)) / 1000));
  return formatDuration(seconds);
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

function Controls({ session, compact }: { session: CallSession; compact?: boolean }) {
  const { t } = useTranslation();
  const [, center] = useCalls();
  const [error, setError] = useState<string | null>(null);
  const [devicesOpen, setDevicesOpen] = useState(false);
  const run = (action: Promise<void>) => {
    setError(null);
    action.catch((e: unknown) => setError(errorMessage(t, e)));
  };
  const canShare = typeof navigator.mediaDevices?.getDisplayMedia === "function";
  return (
    <div className="call-controls" role="toolbar" aria-label={t("calls.controls")}>
      <button type="button" className={session.muted ? "on" : ""} onClick={() => run(session.setMuted(!session.muted))} aria-pressed={session.muted} aria-label={session.muted ? t("calls.unmute") : t("calls.mute")} title={session.muted ? t("calls.unmute") : t("calls.mute")} data-testid="call-mute">
        {session.muted ? <MicOff size={18} aria-hidden="true" /> : <Mic size={18} aria-hidden="true" />}
      </button>
      {!compact && (
        <>
          <button type="button" className={!session.cameraOn ? "on" : ""} onClick={() => run(session.setCamera(!session.cameraOn))} aria-pressed={!session.cameraOn} aria-label={session.cameraOn ? t("calls.cameraOff") : t("calls.cameraOn")} title={session.cameraOn ? t("calls.cameraOff") : t("calls.cameraOn")} data-testid="call-camera">
            {session.cameraOn ? <Video size={18} aria-hidden="true" /> : <VideoOff size={18} aria-hidden="true" />}
          </button>
          {canShare && (
            <button type="button" className={session.sharing ? "on" : ""} onClick={() => run(session.shareScreen(!session.sharing))} aria-pressed={session.sharing} aria-label={session.sharing ? t("calls.stopShare") : t("calls.share")} title={session.sharing ? t("calls.stopShare") : t("calls.share")} data-testid="call-share">
              {session.sharing ? <ScreenShareOff size={18} aria-hidden="true" /> : <ScreenShare size={18} aria-hidden="true" />}
            </button>
          )}
          <button type="button" onClick={() => setDevicesOpen((v) => !v)} aria-expanded={devicesOpen} aria-label={t("calls.devices")} title={t("calls.devices")} data-testid="call-devices">
            <Settings size={18} aria-hidden="true" />
          </button>
        </>
      )}
      <button type="button" className="call-hangup" onClick={() => run(center.hangUp())} aria-label={t("calls.leave")} title={t("calls.leave")} data-testid="call-hangup">
        <PhoneOff size={18} aria-hidden="true" />
      </button>
      {devicesOpen && <Devices session={session} />}
      {error && (
        <span role="alert" className="error call-error">
          {error}
        </span>
      )}
    </div>
  );
}

function Devices({ session }: { session: CallSession }) {
  const { t } = useTranslation();
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    void navigator.mediaDevices.enumerateDevices().then(setDevices);
  }, []);
  const speakers = "setSinkId" in HTMLMediaElement.prototype;
  const current = (kind: "audio" | "video") => (kind === "audio" ? session.local.getAudioTracks()[0] : session.local.getVideoTracks()[0])?.getSettings().deviceId ?? "";
  const list = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind);
  return (
    <div className="call-devices" data-testid="call-device-menu">
      <label>
        {t("calls.microphone")}
        <select value={current("audio")} onChange={(e) => void session.useDevice("audioinput", e.target.value)}>
          {list("audioinput").map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || t("calls.deviceN", { n: i + 1 })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("calls.camera")}
        <select value={current("video")} onChange={(e) => void session.useDevice("videoinput", e.target.value)}>
          {list("videoinput").map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || t("calls.deviceN", { n: i + 1 })}
            </option>
          ))}
        </select>
      </label>
      {speakers && (
        <label>
          {t("calls.speaker")}
          <select value={session.sinkId} onChange={(e) => session.setSpeaker(e.target.value)}>
            <option value="">{t("calls.defaultDevice")}</option>
            {list("audiooutput").map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || t("calls.deviceN", { n: i + 1 })}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

function QualityHint({ session }: { session: CallSession }) {
  const { t } = useTranslation();
  if (!session.quality) return null;
  return (
    <span className={`call-quality q-${session.quality}`} data-testid="call-quality" data-quality={session.quality}>
      <Signal size={14} aria-hidden="true" /> {t(`calls.quality.${session.quality}`)}
    </span>
  );
}

function CallView({ session }: { session: CallSession }) {
  const { t } = useTranslation();
  useSession(session);
  const [, center] = useCalls();
  const title = useConversationName(session.call.conversationId);
  const duration = useDuration(session.call);
  const others = session.call.participants.filter((p) => p.state === "joined" && p.userId !== session.me).map((p) => p.userId);
  const ringing = session.call.participants.some((p) => p.state === "ringing");
  const speaker = session.activeSpeaker();
  return (
    <section className="call-view" aria-label={t("calls.inCall", { name: title })} data-testid="call-view" data-call-id={session.call.id}>
      <header className="call-view-header">
        <strong className="grow">{title}</strong>
        <span className="muted" data-testid="call-duration">
          {session.call.answeredAt ? duration : ringing ? t("calls.ringing") : t("calls.waiting")}
        </span>
        <QualityHint session={session} />
        <button type="button" className="icon-button" onClick={() => center.setExpanded(false)} aria-label={t("calls.minimize")} title={t("calls.minimize")} data-testid="call-minimize">
          <Minimize2 size={16} aria-hidden="true" />
        </button>
      </header>
      <div className={`call-tiles n-${Math.min(others.length + 1, 9)}`}>
        <Tile userId={session.me} stream={session.preview()} self speaking={speaker === session.me} muted={session.muted} sinkId="" />
        {others.map((id) => (
          <Tile key={id} userId={id} stream={session.remote.get(id) ?? null} speaking={speaker === id} sinkId={session.sinkId} />
        ))}
      </div>
      <Controls session={session} />
    </section>
  );
}

function Tile({ userId, stream, self, speaking, muted, sinkId }: { userId: number; stream: MediaStream | null; self?: boolean; speaking: boolean; muted?: boolean; sinkId: string }) {
  const { t } = useTranslation();
  const name = useChat((s) => displayName(s.users, userId, t));
  const avatar = useChat((s) => s.users[userId]?.avatarUrl ?? null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const hasVideo = (stream?.getVideoTracks().some((tr) => tr.readyState === "live" && !tr.muted) ?? false) || (self === true && stream !== null);
  useEffect(() => {
    const el = videoRef.current;
    if (!el) return;
    if (el.srcObject !== stream) el.srcObject = stream;
    if (sinkId && "setSinkId" in el) void (el as HTMLVideoElement & { setSinkId(id: string): Promise<void> }).setSinkId(sinkId).catch(() => undefined);
  }, [stream, sinkId]);
  return (
    <figure className={`call-tile${speaking ? " speaking" : ""}`} data-testid="call-tile" data-user-id={userId} data-speaking={speaking}>
      <video ref={videoRef} autoPlay playsInline muted={self} className={hasVideo ? "" : "hidden-video"} />
      {!hasVideo && <Avatar name={name} id={userId} size={64} url={avatar} />}
      <figcaption>
        {self ? t("calls.you", { name }) : name}
        {muted && <MicOff size={13} aria-label={t("calls.muted")} />}
      </figcaption>
    </figure>
  );
}

/** The floating bar while the call view is minimised: the call goes on while I read other conversations. */
function CallBar({ session }: { session: CallSession }) {
  const { t } = useTranslation();
  useSession(session);
  const [, center] = useCalls();
  const title = useConversationName(session.call.conversationId);
  const duration = useDuration(session.call);
  // Remote audio keeps playing while the view is minimised: one hidden audio element per participant.
  const others = [...session.remote.entries()];
  return (
    <aside className="call-bar" aria-label={t("calls.barLabel", { name: title })} data-testid="call-bar">
      {others.map(([id, stream]) => (
        <HiddenAudio key={id} stream={stream} sinkId={session.sinkId} />
      ))}
      <Phone size={16} aria-hidden="true" className="call-bar-icon" />
      <button type="button" className="link-button call-bar-title" onClick={() => navigate(conversationPath(session.call.conversationId))}>
        {title}
      </button>
      <span className="muted">{session.call.answeredAt ? duration : t("calls.ringing")}</span>
      <QualityHint session={session} />
      <Controls session={session} compact />
      <button type="button" className="icon-button" onClick={() => center.setExpanded(true)} aria-label={t("calls.expand")} title={t("calls.expand")} data-testid="call-expand">
        <Maximize2 size={16} aria-hidden="true" />
      </button>
    </aside>
  );
}

function HiddenAudio({ stream, sinkId }: { stream: MediaStream; sinkId: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = stream;
    if (sinkId && "setSinkId" in el) void (el as HTMLAudioElement & { setSinkId(id: string): Promise<void> }).setSinkId(sinkId).catch(() => undefined);
  }, [stream, sinkId]);
  return <audio ref={ref} autoPlay hidden />;
}
