// SignalR connection to /api/v1/hub. The push is an accelerator; catch-up over REST is the guarantee (DESIGN.md §3, §5).
// SignalR's code (about 55 KiB) loads when the connection starts, not with the chat screen: the first page of messages
// comes over REST, so the screen renders without waiting for it (issue 22).
import type { HubConnection } from "@microsoft/signalr";
import { heartbeatFor } from "./heartbeat";
import { API_BASE, request } from "./http";
import type { EventDto, HubTicketDto, MessageDto } from "./types";

/**
 * The hub's access_token travels in the WebSocket URL, where proxies log it, so the client sends a one-minute hub
 * ticket (POST /auth/hub-ticket) there, never its bearer token. Without a session there is nothing to connect with.
 */
async function hubTicket(accessToken: () => string | null): Promise<string> {
  if (!accessToken()) return "";
  return (await request<HubTicketDto>("POST", "/auth/hub-ticket")).ticket;
}

export type HubStatus = "connecting" | "connected" | "reconnecting" | "disconnected";

export interface HubHandlers {
  onEvent: (event: EventDto) => void;
  onStatus: (status: HubStatus) => void;
  /** Called after every (re)connect, before live events are trusted: run catch-up here. */
  onConnected: () => void;
}

// Retry quickly at first, then settle at 10 s; never give up (a server restart may take a while).
const retryDelays = [0, 1000, 2000, 5000];

export class HubClient {
  private connection: HubConnection | null = null;
  private stopped = false;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly handlers: HubHandlers) {}

  start(accessToken: () => string | null): void {
    this.stopped = false;
    void this.open(accessToken);
  }

  private async open(accessToken: () => string | null): Promise<void> {
    const { HttpTransportType, HubConnectionBuilder, LogLevel } = await import("@microsoft/signalr");
    if (this.stopped || this.connection) return;
    const connection = new HubConnectionBuilder()
      // WebSockets straight away, no negotiate round trip: one request, so a cluster behind a load balancer needs no
      // sticky sessions (negotiate and the socket could otherwise land on different nodes).
      .withUrl(`${API_BASE}/hub`, {
        accessTokenFactory: () => hubTicket(accessToken),
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelays[ctx.previousRetryCount] ?? 10000 })
      .configureLogging(LogLevel.None)
      .build();
    connection.on("event", (event: EventDto) => {
      if (event.type === "hello") {
        const heartbeat = heartbeatFor(event.data);
        if (heartbeat) {
          connection.keepAliveIntervalInMilliseconds = heartbeat.keepAliveIntervalMs;
          connection.serverTimeoutInMilliseconds = heartbeat.serverTimeoutMs;
          // The server-timeout timer was armed with the old value when hello arrived; the reply re-arms it with the new one.
          connection.invoke("Hello").catch(() => undefined);
        }
        return;
      }
      this.handlers.onEvent(event);
    });
    connection.onreconnecting(() => this.handlers.onStatus("reconnecting"));
    connection.onreconnected(() => {
      this.handlers.onStatus("connected");
      this.handlers.onConnected();
    });
    // Automatic reconnect gives up on a failed negotiate; keep trying ourselves.
    connection.onclose(() => {
      if (this.stopped) return;
      this.handlers.onStatus("disconnected");
      this.scheduleRestart(5000);
    });
    this.connection = connection;
    void this.connect();
  }

  private scheduleRestart(delay: number): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.connect(), delay);
  }

  private async connect(): Promise<void> {
    const connection = this.connection;
    if (!connection || this.stopped || connection.state !== "Disconnected") return;
    this.handlers.onStatus("connecting");
    try {
      await connection.start();
      this.handlers.onStatus("connected");
      this.handlers.onConnected();
    } catch {
      this.handlers.onStatus("disconnected");
      this.scheduleRestart(3000);
    }
  }

  /** Try now instead of waiting for the next retry (the browser went back online). */
  retryNow(): void {
    if (this.connection?.state === "Disconnected") void this.connect();
  }

  get isConnected(): boolean {
    return this.connection?.state === "Connected";
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const connection = this.connection;
    this.connection = null;
    if (connection) await connection.stop();
  }

  private invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    if (!this.connection || !this.isConnected) return Promise.reject(new Error("hub not connected"));
    return this.connection.invoke<T>(method, ...args);
  }

  sendMessage(conversationId: number, text: string, clientMsgId: string): Promise<MessageDto> {
    return this.invoke<MessageDto>("SendMessage", conversationId, text, clientMsgId);
  }

  typing(conversationId: number): void {
    this.invoke("Typing", conversationId).catch(() => undefined);
  }

  markRead(conversationId: number, seq: number): Promise<void> {
    return this.invoke<void>("MarkRead", conversationId, seq);
  }

  setPresence(status: "online" | "away"): void {
    this.invoke("SetPresence", status).catch(() => undefined);
  }

  watchPresence(userIds: number[]): void {
    if (userIds.length) this.invoke("WatchPresence", userIds).catch(() => undefined);
  }

  /** Relays a call's offer, answer or ICE candidate to one other participant (both must have joined). */
  callSignal(callId: number, toUserId: number, kind: "offer" | "answer" | "candidate", payload: string): Promise<void> {
    return this.invoke<void>("CallSignal", callId, toUserId, kind, payload);
  }

  /** Tells the server this tab is still in the call (it drops participants that go silent). */
  callHeartbeat(callId: number): Promise<void> {
    return this.invoke<void>("CallHeartbeat", callId);
  }
}
