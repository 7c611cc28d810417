// One call in this tab: the local media, a peer connection per other participant (p2p mesh) or the SFU session, the
// signalling over the hub, the heartbeat, and the figures the view shows (audio levels for the active speaker,
// round-trip time and packet loss for the network hint). Peer-to-peer: whoever joins later offers to everyone who
// joined before (the join answer lists them), so two sides never offer to each other at once, except when two join at
// the same moment: then the one with the larger user id gives way (rollback, as in "perfect negotiation").
import type { CallDto, CallSignalData, IceServersDto } from "../../api/types";
import type { HubClient } from "../../api/hub";
import { callsApi } from "./callsApi";
import type { SfuSession } from "./sfu/janusRoom";

export type Quality = "good" | "fair" | "poor";

interface Peer {
  pc: RTCPeerConnection;
  stream: MediaStream;
  pendingCandidates: RTCIceCandidateInit[];
  makingOffer: boolean;
}

/** Seconds between heartbeats; the server drops a participant silent for Parley:Calls:ParticipantTimeout (35 s). */
const HEARTBEAT_MS = 10_000;
const STATS_MS = 1_000;
/** Audio level (0–1) above which a participant counts as speaking. */
export const SPEAKING_LEVEL = 0.02;

export function qualityOf(rttSeconds: number | null, lossRatio: number | null): Quality | null {
  if (rttSeconds === null && lossRatio === null) return null;
  const rtt = rttSeconds ?? 0;
  const loss = lossRatio ?? 0;
  if (rtt < 0.3 && loss < 0.02) return "good";
  if (rtt < 0.6 && loss < 0.08) return "fair";
  return "poor";
}

export class CallSession {
  call: CallDto;
  readonly me: number;
  readonly local: MediaStream;
  muted = false;
  cameraOn: boolean;
  sharing = false;
  /** Remote media per participant. */
  readonly remote = new Map<number, MediaStream>();
  /** Audio level per participant (the local user too), 0–1, from getStats. */
  readonly levels = new Map<number, number>();
  quality: Quality | null = null;
  sinkId = "";
  ended = false;
  private readonly peers = new Map<number, Peer>();
  private sfu: SfuSession | null = null;
  private cameraTrack: MediaStreamTrack | null;
  private screenTrack: MediaStreamTrack | null = null;
  private readonly timers: number[] = [];
  private readonly listeners = new Set<() => void>();
  private lossBase = new Map<number, { lost: number; received: number }>();

  private constructor(
    private readonly hub: HubClient,
    call: CallDto,
    me: number,
    local: MediaStream,
    private readonly ice: IceServersDto,
  ) {
    this.call = call;
    this.me = me;
    this.local = local;
    this.cameraTrack = local.getVideoTracks()[0] ?? null;
    this.cameraOn = this.cameraTrack !== null;
  }

  /** Takes the microphone (and camera for a video call), joins the call and connects to everyone already in it. */
  static async open(hub: HubClient, call: CallDto, me: number, displayName: string): Promise<CallSession> {
    const [ice, local] = await Promise.all([callsApi.iceServers(), navigator.mediaDevices.getUserMedia({ audio: true, video: call.media === "video" })]);
    let session: CallSession | null = null;
    try {
      const joined = await callsApi.join(call.id);
      session = new CallSession(hub, joined.call, me, local, ice);
      if (joined.sfu) {
        const s = session;
        // The Janus client is fetched only when a call goes through the SFU (most calls are peer-to-peer).
        const { joinSfuRoom } = await import("./sfu/janusRoom");
        s.sfu = await joinSfuRoom({
          clientUrl: joined.sfu.clientUrl,
          roomId: joined.sfu.roomId,
          token: joined.sfu.token,
          userId: me,
          displayName,
          localStream: local,
          iceServers: s.iceServers(),
          onRemoteStream: (userId, stream) => {
            if (stream) s.remote.set(userId, stream);
            else s.remote.delete(userId);
            s.changed();
          },
        });
      } else {
        for (const p of joined.call.participants) if (p.state === "joined" && p.userId !== me) await session.offerTo(p.userId);
      }
      session.startTimers();
      return session;
    } catch (error) {
      for (const t of local.getTracks()) t.stop();
      if (session) session.close();
      throw error;
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Grows with every change (the view's snapshot). */
  version = 0;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private iceServers(): RTCIceServer[] {
    return this.ice.iceServers.map((s) => ({ urls: s.urls, username: s.username ?? undefined, credential: s.credential ?? undefined }));
  }

  /** The peer connections of this call (tests and the stats loop). */
  peerConnections(): RTCPeerConnection[] {
    return [...this.peers.values()].map((p) => p.pc);
  }

  private peer(userId: number): Peer {
    let peer = this.peers.get(userId);
    if (peer) return peer;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers(), iceTransportPolicy: this.ice.iceTransportPolicy === "relay" ? "relay" : "all" });
    const stream = new MediaStream();
    peer = { pc, stream, pendingCandidates: [], makingOffer: false };
    this.peers.set(userId, peer);
    pc.ontrack = (e) => {
      if (!stream.getTracks().includes(e.track)) stream.addTrack(e.track);
      this.remote.set(userId, stream);
      this.changed();
    };
    pc.onicecandidate = (e) => {
      if (e.candidate) void this.hub.callSignal(this.call.id, userId, "candidate", JSON.stringify(e.candidate.toJSON())).catch(() => undefined);
    };
    pc.onconnectionstatechange = () => this.changed();
    return peer;
  }

  /** The tracks this side sends: the microphone unless muted; the screen, else the camera unless it is off. */
  private outgoing(kind: "audio" | "video"): MediaStreamTrack | null {
    if (kind === "audio") return this.muted ? null : (this.local.getAudioTracks()[0] ?? null);
    return this.screenTrack ?? (this.cameraOn ? this.cameraTrack : null);
  }

  private async offerTo(userId: number): Promise<void> {
    const peer = this.peer(userId);
    // Always one audio and one video transceiver, so muting, the camera and screen sharing are replaceTrack calls
    // that need no new negotiation (an audio call can still share a screen).
    for (const kind of ["audio", "video"] as const) {
      peer.pc.addTransceiver(this.outgoing(kind) ?? kind, { direction: "sendrecv", streams: [this.local] });
    }
    peer.makingOffer = true;
    try {
      await peer.pc.setLocalDescription(await peer.pc.createOffer());
      await this.hub.callSignal(this.call.id, userId, "offer", JSON.stringify(peer.pc.localDescription));
    } finally {
      peer.makingOffer = false;
    }
  }

  async onSignal(data: CallSignalData): Promise<void> {
    if (data.callId !== this.call.id || this.ended) return;
    const from = data.fromUserId;
    const payload = JSON.parse(data.payload) as RTCSessionDescriptionInit & RTCIceCandidateInit;
    if (data.kind === "candidate") {
      const peer = this.peers.get(from);
      if (!peer) return;
      if (peer.pc.remoteDescription) await peer.pc.addIceCandidate(payload).catch(() => undefined);
      else peer.pendingCandidates.push(payload);
      return;
    }
    const peer = this.peer(from);
    if (data.kind === "offer") {
      const collision = peer.makingOffer || peer.pc.signalingState !== "stable";
      if (collision && this.me < from) return; // the other side gives way
      if (collision) await peer.pc.setLocalDescription({ type: "rollback" });
      await peer.pc.setRemoteDescription(payload);
      for (const t of peer.pc.getTransceivers()) {
        const kind = t.receiver.track.kind as "audio" | "video";
        t.direction = "sendrecv";
        await t.sender.replaceTrack(this.outgoing(kind));
        t.sender.setStreams(this.local);
      }
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
      await this.hub.callSignal(this.call.id, from, "answer", JSON.stringify(peer.pc.localDescription));
    } else if (data.kind === "answer") {
      if (peer.pc.signalingState !== "have-local-offer") return;
      await peer.pc.setRemoteDescription(payload);
    }
    for (const c of peer.pendingCandidates.splice(0)) await peer.pc.addIceCandidate(c).catch(() => undefined);
  }

  /** The call's state changed on the server: drop the media of those who left; everything ends with the call. */
  onUpdated(call: CallDto): void {
    // An older copy (an event that was on its way while the join answer came back) must not undo a newer state.
    if (call.id !== this.call.id || call.revision < this.call.revision) return;
    this.call = call;
    const mine = call.participants.find((p) => p.userId === this.me);
    if (call.endedAt !== null || (mine && mine.state !== "joined")) {
      this.close();
      return;
    }
    for (const p of call.participants) {
      if (p.state !== "joined" && this.peers.has(p.userId)) {
        this.peers.get(p.userId)!.pc.close();
        this.peers.delete(p.userId);
        this.remote.delete(p.userId);
      }
    }
    this.changed();
  }

  private async replace(kind: "audio" | "video"): Promise<void> {
    const track = this.outgoing(kind);
    for (const peer of this.peers.values()) {
      for (const t of peer.pc.getTransceivers()) if (t.receiver.track.kind === kind && t.currentDirection !== "stopped") await t.sender.replaceTrack(track);
    }
    if (kind === "video" && this.sfu) await this.sfu.replaceVideoTrack(track);
  }

  /** Muting stops the outgoing audio (replaceTrack(null): no packets at all, not silence). */
  async setMuted(muted: boolean): Promise<void> {
    this.muted = muted;
    for (const t of this.local.getAudioTracks()) t.enabled = !muted;
    await this.replace("audio");
    this.changed();
  }

  async setCamera(on: boolean): Promise<void> {
    if (on && !this.cameraTrack) {
      const media = await navigator.mediaDevices.getUserMedia({ video: true });
      this.cameraTrack = media.getVideoTracks()[0] ?? null;
      if (this.cameraTrack) this.local.addTrack(this.cameraTrack);
    }
    this.cameraOn = on && this.cameraTrack !== null;
    if (this.cameraTrack) this.cameraTrack.enabled = this.cameraOn;
    await this.replace("video");
    this.changed();
  }

  /** Shares a screen in place of the camera (getDisplayMedia, replaceTrack); the browser's own "stop sharing" ends it too. */
  async shareScreen(on: boolean): Promise<void> {
    if (on) {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0];
      if (!track) return;
      track.onended = () => void this.shareScreen(false);
      this.screenTrack = track;
    } else {
      this.screenTrack?.stop();
      this.screenTrack = null;
    }
    this.sharing = this.screenTrack !== null;
    await this.replace("video");
    this.changed();
  }

  private previewStream: MediaStream | null = null;

  /** The local tile's stream (one per track, so the video element is not reset on every render). */
  preview(): MediaStream | null {
    const track = this.localVideo();
    if (!track) return null;
    if (this.previewStream?.getVideoTracks()[0] !== track) this.previewStream = new MediaStream([track]);
    return this.previewStream;
  }

  /** The track shown in the local tile: the screen while sharing, else the camera. */
  localVideo(): MediaStreamTrack | null {
    return this.screenTrack ?? (this.cameraOn ? this.cameraTrack : null);
  }

  /** Switches the microphone or the camera to another device. */
  async useDevice(kind: "audioinput" | "videoinput", deviceId: string): Promise<void> {
    const media = await navigator.mediaDevices.getUserMedia(kind === "audioinput" ? { audio: { deviceId: { exact: deviceId } } } : { video: { deviceId: { exact: deviceId } } });
    const track = kind === "audioinput" ? media.getAudioTracks()[0] : media.getVideoTracks()[0];
    if (!track) return;
    const old = kind === "audioinput" ? this.local.getAudioTracks()[0] : this.cameraTrack;
    if (old) {
      this.local.removeTrack(old);
      old.stop();
    }
    this.local.addTrack(track);
    if (kind === "videoinput") this.cameraTrack = track;
    else track.enabled = !this.muted;
    await this.replace(kind === "audioinput" ? "audio" : "video");
    this.changed();
  }

  /** The speaker (HTMLMediaElement.setSinkId where the browser has it); tiles apply it to their media elements. */
  setSpeaker(deviceId: string): void {
    this.sinkId = deviceId;
    this.changed();
  }

  private startTimers(): void {
    this.timers.push(window.setInterval(() => void this.hub.callHeartbeat(this.call.id).catch(() => undefined), HEARTBEAT_MS));
    this.timers.push(window.setInterval(() => void this.sample(), STATS_MS));
  }

  /** Audio levels (active speaker) and the network hint from getStats. */
  private async sample(): Promise<void> {
    let rtt: number | null = null;
    let lost = 0;
    let received = 0;
    let localLevel = 0;
    const reports: [number, RTCStatsReport][] = [];
    for (const [userId, peer] of this.peers) reports.push([userId, await peer.pc.getStats()]);
    if (this.sfu) for (const report of await this.sfu.stats()) reports.push([-1, report]);
    for (const [userId, report] of reports) {
      let peerLost = 0;
      let peerReceived = 0;
      report.forEach((s: Record<string, unknown>) => {
        if (s.type === "inbound-rtp" && s.kind === "audio" && userId >= 0) this.levels.set(userId, Number(s.audioLevel ?? 0));
        if (s.type === "inbound-rtp") {
          peerLost += Number(s.packetsLost ?? 0);
          peerReceived += Number(s.packetsReceived ?? 0);
        }
        if (s.type === "media-source" && s.kind === "audio") localLevel = Math.max(localLevel, Number(s.audioLevel ?? 0));
        if (s.type === "candidate-pair" && s.nominated && typeof s.currentRoundTripTime === "number") rtt = Math.max(rtt ?? 0, s.currentRoundTripTime);
      });
      const base = this.lossBase.get(userId) ?? { lost: 0, received: 0 };
      lost += peerLost - base.lost;
      received += peerReceived - base.received;
      this.lossBase.set(userId, { lost: peerLost, received: peerReceived });
    }
    this.levels.set(this.me, this.muted ? 0 : localLevel);
    const quality = reports.length === 0 ? null : qualityOf(rtt, lost + received > 0 ? Math.max(0, lost) / (lost + received) : null);
    this.quality = quality;
    this.changed();
  }

  /** The participant speaking loudest right now (above SPEAKING_LEVEL), or null. */
  activeSpeaker(): number | null {
    let best: number | null = null;
    let level = SPEAKING_LEVEL;
    for (const [userId, l] of this.levels) {
      if (l > level) {
        best = userId;
        level = l;
      }
    }
    return best;
  }

  async leave(): Promise<void> {
    this.close();
    await callsApi.leave(this.call.id).catch(() => undefined);
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    for (const id of this.timers) clearInterval(id);
    for (const peer of this.peers.values()) peer.pc.close();
    this.peers.clear();
    void this.sfu?.leave().catch(() => undefined);
    for (const t of this.local.getTracks()) t.stop();
    this.screenTrack?.stop();
    this.changed();
  }
}
