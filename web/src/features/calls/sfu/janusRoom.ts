// The SFU client seam (issue 15): a call whose topology is "sfu" joins the Janus video-room named by the join answer
// (`POST /api/v1/calls/{id}/join` → `sfu: { clientUrl, roomId, token }`) through this function. The call view owns the
// local stream and the tiles; this module publishes the stream and reports each remote participant's stream (null when
// they leave).
//
// A lean client of Janus 1.x's JSON API over plain HTTP (janus.transport.http), no library: one Janus session with two
// video-room handles — a publisher (joins with Parley's per-participant token, publishes the local stream) and ONE
// multistream subscriber that carries every other publisher's audio and video (Janus 1.x renegotiates it as publishers
// come and go). Events arrive by long poll (GET /janus/{session}), which also keeps the session alive. A publisher's
// `display` is its Parley user id, which is how remote streams are reported by user. The module is loaded only when a
// call goes SFU (dynamic import), so it stays out of the sign-in bundle. These requests go to the SFU, not to Parley's
// API, so they live here rather than in web/src/api/.

export type SfuJoinOptions = {
  clientUrl: string;
  roomId: number;
  token: string;
  userId: number;
  displayName: string;
  localStream: MediaStream;
  iceServers: RTCIceServer[];
  onRemoteStream(userId: number, stream: MediaStream | null): void;
};

export type SfuSession = {
  leave(): Promise<void>;
  replaceVideoTrack(track: MediaStreamTrack | null): Promise<void>;
  stats(): Promise<RTCStatsReport[]>;
};

type Json = Record<string, unknown>;
type JanusMessage = { janus: string; data?: { id: number }; transaction?: string; sender?: number; plugindata?: { data: Json }; jsep?: RTCSessionDescriptionInit; error?: { code: number; reason: string } };
type Publisher = { id: number; display?: string };
type SubscribedStream = { mid?: string; feed_id?: number; feed_display?: string; active?: boolean };

const PLUGIN = "janus.plugin.videoroom";

export class JanusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`Janus ${code}: ${message}`);
  }
}

/** One Janus session over HTTP: requests, plugin messages answered by event, and the long poll that delivers events. */
class JanusHttp {
  private readonly pending = new Map<string, (message: JanusMessage) => void>();
  private readonly listeners = new Map<number, (message: JanusMessage) => void>();
  private polling = false;
  private sessionId = 0;

  constructor(private readonly base: string) {}

  async open(): Promise<void> {
    this.sessionId = (await this.post(this.base, { janus: "create" })).data?.id ?? 0;
    this.polling = true;
    void this.poll();
  }

  async attach(onEvent: (message: JanusMessage) => void): Promise<number> {
    const handle = (await this.post(this.sessionUrl, { janus: "attach", plugin: PLUGIN })).data?.id ?? 0;
    this.listeners.set(handle, onEvent);
    return handle;
  }

  /** A video-room request answered asynchronously (join, publish, subscribe, start): resolves with its event. */
  async message(handle: number, body: Json, jsep?: RTCSessionDescriptionInit): Promise<JanusMessage> {
    const transaction = randomId();
    const answered = new Promise<JanusMessage>((resolve) => this.pending.set(transaction, resolve));
    const ack = await this.post(`${this.sessionUrl}/${handle}`, { janus: "message", transaction, body, ...(jsep ? { jsep } : {}) }, transaction);
    // Synchronous requests are answered at once ("success"); asynchronous ones with "ack", then an event.
    const event = ack.janus === "success" ? ack : await answered;
    this.pending.delete(transaction);
    const data = event.plugindata?.data;
    if (data && typeof data.error_code === "number") throw new JanusError(data.error_code, String(data.error ?? ""));
    return event;
  }

  trickle(handle: number, candidate: RTCIceCandidateInit | null): void {
    void this.post(`${this.sessionUrl}/${handle}`, { janus: "trickle", candidate: candidate ?? { completed: true } }).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.polling = false;
    if (this.sessionId) await this.post(this.sessionUrl, { janus: "destroy" }).catch(() => undefined);
  }

  private get sessionUrl(): string {
    return `${this.base}/${this.sessionId}`;
  }

  private async poll(): Promise<void> {
    let failures = 0;
    while (this.polling) {
      try {
        const response = await fetch(`${this.sessionUrl}?rid=${Date.now()}&maxev=10`, { cache: "no-store" });
        const body = (await response.json()) as JanusMessage | JanusMessage[];
        for (const message of Array.isArray(body) ? body : [body]) this.dispatch(message);
        failures = 0;
      } catch {
        if (++failures > 5) this.polling = false;
        else await new Promise((r) => setTimeout(r, 500 * failures));
      }
    }
  }

  private dispatch(message: JanusMessage): void {
    const waiting = message.transaction ? this.pending.get(message.transaction) : undefined;
    if (waiting && message.janus !== "ack") {
      waiting(message);
      return;
    }
    if (message.sender !== undefined) this.listeners.get(message.sender)?.(message);
  }

  private async post(url: string, body: Json, transaction = randomId()): Promise<JanusMessage> {
    const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ transaction, ...body }) });
    if (!response.ok) throw new JanusError(response.status, `HTTP ${response.status}`);
    const message = (await response.json()) as JanusMessage;
    if (message.janus === "error") throw new JanusError(message.error?.code ?? 0, message.error?.reason ?? "error");
    return message;
  }
}

function randomId(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

/** Runs negotiations of one peer connection one at a time (Janus refuses a renegotiation while one is in progress). */
function serial(): (work: () => Promise<void>) => Promise<void> {
  let tail = Promise.resolve();
  return (work) => {
    const next = tail.then(work);
    tail = next.catch(() => undefined);
    return next;
  };
}

export async function joinSfuRoom(opts: SfuJoinOptions): Promise<SfuSession> {
  const janus = new JanusHttp(opts.clientUrl.replace(/\/+$/, ""));
  await janus.open();
  const publisherPc = new RTCPeerConnection({ iceServers: opts.iceServers });
  const subscriberPc = new RTCPeerConnection({ iceServers: opts.iceServers });
  const feeds = new Map<number, number>(); // Janus feed id → Parley user id
  const midToUser = new Map<string, number>();
  const remote = new Map<number, MediaStream>();
  const subscribeQueue = serial();
  let subscriberHandle = 0;
  let privateId: number | undefined;
  let left = false;

  const userOf = (display: string | undefined): number | undefined => {
    const id = Number(display);
    return Number.isSafeInteger(id) && id !== opts.userId ? id : undefined;
  };

  // Every offer on the subscriber handle (the first, and each after a publisher joins or leaves) is answered here.
  const answerOffer = async (event: JanusMessage) => {
    const streams = (event.plugindata?.data.streams as SubscribedStream[] | undefined) ?? [];
    midToUser.clear();
    for (const s of streams) {
      const user = userOf(s.feed_display);
      if (s.mid && user !== undefined && s.active !== false) midToUser.set(s.mid, user);
    }
    if (!event.jsep) return;
    await subscriberPc.setRemoteDescription(event.jsep);
    const answer = await subscriberPc.createAnswer();
    await subscriberPc.setLocalDescription(answer);
    await janus.message(subscriberHandle, { request: "start" }, answer);
  };

  subscriberPc.ontrack = (e) => {
    const mid = e.transceiver.mid;
    const user = mid ? midToUser.get(mid) : undefined;
    if (user === undefined) return;
    let stream = remote.get(user);
    if (!stream) remote.set(user, (stream = new MediaStream()));
    stream.addTrack(e.track);
    e.track.onended = () => stream?.removeTrack(e.track);
    opts.onRemoteStream(user, stream);
  };

  const subscribe = (publishers: Publisher[]) => {
    const fresh = publishers.filter((p) => !feeds.has(p.id) && userOf(p.display) !== undefined);
    if (fresh.length === 0 || left) return Promise.resolve();
    for (const p of fresh) feeds.set(p.id, userOf(p.display)!);
    const streams = fresh.map((p) => ({ feed: p.id }));
    return subscribeQueue(async () => {
      if (!subscriberHandle) {
        subscriberHandle = await janus.attach((message) => {
          // Unsolicited offers: Janus renegotiates by itself when a subscribed publisher goes away.
          if (message.jsep?.type === "offer") void subscribeQueue(() => answerOffer(message));
        });
        subscriberPc.onicecandidate = (e) => janus.trickle(subscriberHandle, e.candidate?.toJSON() ?? null);
        const attached = await janus.message(subscriberHandle, {
          request: "join", ptype: "subscriber", room: opts.roomId, streams, use_msid: true, token: opts.token,
          ...(privateId !== undefined ? { private_id: privateId } : {}),
        });
        await answerOffer(attached);
      } else {
        await answerOffer(await janus.message(subscriberHandle, { request: "subscribe", streams }));
      }
    });
  };

  const gone = (feedId: number) => {
    const user = feeds.get(feedId);
    feeds.delete(feedId);
    if (user === undefined) return;
    remote.delete(user);
    opts.onRemoteStream(user, null);
  };

  const publisherHandle = await janus.attach((message) => {
    const data = message.plugindata?.data ?? {};
    if (Array.isArray(data.publishers)) void subscribe(data.publishers as Publisher[]);
    if (typeof data.unpublished === "number") gone(data.unpublished);
    if (typeof data.leaving === "number") gone(data.leaving);
  });
  publisherPc.onicecandidate = (e) => janus.trickle(publisherHandle, e.candidate?.toJSON() ?? null);

  try {
    const joined = await janus.message(publisherHandle, {
      request: "join", ptype: "publisher", room: opts.roomId, token: opts.token, display: String(opts.userId),
    });
    privateId = joined.plugindata?.data.private_id as number | undefined;
    for (const track of opts.localStream.getTracks()) publisherPc.addTransceiver(track, { direction: "sendonly", streams: [opts.localStream] });
    await publish();
    void subscribe((joined.plugindata?.data.publishers as Publisher[] | undefined) ?? []);
  } catch (error) {
    publisherPc.close();
    subscriberPc.close();
    await janus.close();
    throw error;
  }

  async function publish(): Promise<void> {
    const offer = await publisherPc.createOffer();
    await publisherPc.setLocalDescription(offer);
    const configured = await janus.message(publisherHandle, { request: "configure", audio: true, video: true }, offer);
    if (configured.jsep) await publisherPc.setRemoteDescription(configured.jsep);
  }

  return {
    async leave() {
      if (left) return;
      left = true;
      await janus.message(publisherHandle, { request: "leave" }).catch(() => undefined);
      publisherPc.close();
      subscriberPc.close();
      await janus.close();
    },
    async replaceVideoTrack(track) {
      const sender = publisherPc.getTransceivers().find((t) => t.sender.track?.kind === "video" || t.receiver.track.kind === "video")?.sender;
      if (sender) {
        await sender.replaceTrack(track);
      } else if (track) {
        // An audio call that starts sharing its screen: a new video stream needs a renegotiation with Janus.
        publisherPc.addTransceiver(track, { direction: "sendonly", streams: [opts.localStream] });
        await publish();
      }
    },
    async stats() {
      return Promise.all([publisherPc.getStats(), subscriberPc.getStats()]);
    },
  };
}
