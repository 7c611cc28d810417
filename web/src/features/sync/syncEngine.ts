// Orchestrates the network side of sync: first load, live events, catch-up after every (re)connect,
// gap filling and the outbox. State changes go through the store's reducer only.
import { conversationsApi, messagesApi, usersApi } from "../../api/endpoints";
import { ApiError, NetworkError } from "../../api/http";
import { HubClient } from "../../api/hub";
import type { EventDto, FileDto, MessageDto } from "../../api/types";
import type { Store } from "../../app/store";
import { shouldNotify, showNotification } from "../notifications/notify";
import { newClientMsgId, nextToSend, restore } from "./pendingQueue";

export const PAGE_SIZE = 50;
const EVENTS_PAGE = 200;
/** A gap that still isn't closed after this many pages means the server lost events: stop rather than spin. */
const MAX_FILL_PAGES = 500;

export interface EngineCallbacks {
  conversationTitle: (conversationId: number) => string;
  senderName: (userId: number) => string;
  open: (conversationId: number) => void;
}

export class SyncEngine {
  private readonly hub: HubClient;
  private readonly filling = new Set<number>();
  private readonly userRequests = new Set<number>();
  private flushing = false;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly token: () => string | null,
    private readonly callbacks: EngineCallbacks,
  ) {
    this.hub = new HubClient({
      onEvent: (event) => this.onEvent(event),
      onStatus: (status) => store.dispatch({ type: "connection", status }),
      onConnected: () => void this.catchUp(),
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const me = this.store.getState().me;
    if (me) this.store.dispatch({ type: "pending/set", pending: restore(readPending(me.id)) });
    let lastPending = this.store.getState().pending;
    this.unsubscribe = this.store.subscribe(() => {
      const { pending, me: user } = this.store.getState();
      if (pending !== lastPending && user) {
        lastPending = pending;
        writePending(user.id, pending);
      }
    });
    void this.catchUp();
    this.hub.start(this.token);
    window.addEventListener("online", this.onOnline);
  }

  async stop(): Promise<void> {
    if (typeof window !== "undefined") window.removeEventListener("online", this.onOnline);
    this.unsubscribe?.();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.started = false;
    await this.hub.stop();
  }

  private onOnline = (): void => {
    this.hub.retryNow();
    void this.flush();
  };

  get hubClient(): HubClient {
    return this.hub;
  }

  // ---- catch-up (DESIGN.md §5) ----

  /**
   * Runs one catch-up at a time. A request that arrives while one is running (the hub connected during the first
   * load, say) runs another afterwards: the running one may have read the server before what the caller saw.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = this.runCatchUp().finally(() => {
      this.catchingUp = null;
      if (this.catchUpAgain) {
        this.catchUpAgain = false;
        void this.catchUp();
      }
    });
    return this.catchingUp;
  }

  private async runCatchUp(): Promise<void> {
    try {
      const { cursor, conversationsLoaded } = this.store.getState();
      if (!conversationsLoaded) {
        // First load: the full list, then the sync cursor from which later catch-ups start.
        const { items } = await conversationsApi.list();
        this.store.dispatch({ type: "conversations/loaded", items });
      }
      const sync = await conversationsApi.sync(cursor);
      this.store.dispatch({ type: "sync/applied", cursor: sync.cursor, conversations: sync.conversations, removed: sync.removed });
      const { timelines, conversations } = this.store.getState();
      for (const [key, timeline] of Object.entries(timelines)) {
        const id = Number(key);
        const conv = conversations[id];
        if (timeline.appliedSeq >= 0 && (!conv || conv.lastSeq > timeline.appliedSeq || timeline.buffer.length > 0)) await this.fillGap(id);
      }
      this.watchPresence();
    } catch (error) {
      if (!(error instanceof NetworkError || (error instanceof ApiError && error.status >= 500))) throw error;
    }
    void this.flush();
  }

  /** Fetch log events after what the open timeline has applied, page by page, until it reaches the head. */
  async fillGap(conversationId: number): Promise<void> {
    if (this.filling.has(conversationId)) return;
    this.filling.add(conversationId);
    try {
      for (let page = 0; page < MAX_FILL_PAGES; page++) {
        const timeline = this.store.getState().timelines[conversationId];
        if (!timeline || timeline.appliedSeq < 0) return;
        const { items } = await conversationsApi.events(conversationId, timeline.appliedSeq, EVENTS_PAGE);
        for (const event of items) this.applyEvent(event, false);
        if (items.length < EVENTS_PAGE) {
          const after = this.store.getState().timelines[conversationId];
          if (!after || after.buffer.length === 0 || after.appliedSeq === timeline.appliedSeq) return;
        }
      }
    } finally {
      this.filling.delete(conversationId);
    }
  }

  // ---- live events ----

  private onEvent(event: EventDto): void {
    // Cluster mode: the server's node lost its link to the others for a while and may have missed events for us.
    if (event.type === "resync") {
      void this.catchUp();
      return;
    }
    this.applyEvent(event, true);
  }

  private applyEvent(event: EventDto, live: boolean): void {
    const before = this.store.getState();
    const known = before.conversations[event.conversationId];
    this.store.dispatch({ type: "event", event, now: Date.now() });
    const after = this.store.getState();
    if (event.seq !== null && !known && !event.type.startsWith("member.left")) {
      // A conversation I was just added to: fetch its summary.
      void this.refreshConversation(event.conversationId);
    }
    if (live && after.timelines[event.conversationId]?.buffer.length) void this.fillGap(event.conversationId);
    if (event.type === "message.created") {
      const message = event.data as MessageDto;
      this.ensureUsers([message.senderId]);
      const me = after.me?.id ?? -1;
      const isNew = event.seq !== null && (!known || event.seq > known.lastSeq);
      if (live && isNew && shouldNotify(known, message, me, document.hidden)) {
        const title = this.callbacks.conversationTitle(event.conversationId);
        // A message of only files has no text: name the files instead of showing "Alice: ".
        const body = message.text || (message.files ?? []).map((f) => `📎 ${f.name}`).join(", ");
        showNotification(title, `${this.callbacks.senderName(message.senderId)}: ${body}`, () => this.callbacks.open(event.conversationId));
      }
      if (after.activeConversationId === event.conversationId && after.visible && message.senderId !== me) this.markRead(event.conversationId);
    }
    if (event.type === "member.joined" && after.members[event.conversationId]) void this.loadMembers(event.conversationId).catch(() => undefined);
    if (event.type === "member.left" && event.seq !== null) {
      const data = event.data as { userId?: number } | null;
      if (data?.userId === after.me?.id) this.store.dispatch({ type: "conversation/removed", id: event.conversationId });
    }
  }

  async refreshConversation(id: number): Promise<void> {
    try {
      const conversation = await conversationsApi.get(id);
      this.store.dispatch({ type: "conversation/upsert", conversation });
    } catch {
      // Not visible to me (removed meanwhile): the next sync settles it.
    }
  }

  // ---- conversations and history ----

  async openConversation(id: number): Promise<void> {
    const timeline = this.store.getState().timelines[id];
    if (!timeline || timeline.appliedSeq < 0) {
      // Read the head first: the page then reflects at least everything up to it (see initTimeline).
      const head = await conversationsApi.get(id);
      const { items } = await messagesApi.page(id, { limit: PAGE_SIZE });
      this.ensureUsers(items.map((m) => m.senderId));
      this.store.dispatch({ type: "timeline/latest", conversationId: id, messages: items, hasOlder: items.length >= PAGE_SIZE, headSeq: head.lastSeq });
    }
    await this.fillGap(id);
    this.markRead(id);
    void this.loadMembers(id);
  }

  async loadOlder(id: number): Promise<void> {
    const timeline = this.store.getState().timelines[id];
    const oldest = timeline?.messages[0];
    if (!timeline || !timeline.hasOlder || !oldest) return;
    const { items } = await messagesApi.page(id, { beforeSeq: oldest.seq, limit: PAGE_SIZE });
    this.ensureUsers(items.map((m) => m.senderId));
    this.store.dispatch({ type: "timeline/older", conversationId: id, messages: items, hasOlder: items.length >= PAGE_SIZE });
  }

  /** Load history until `seq` is in the timeline (search results jump here); bounded so a huge channel can't stall. */
  async loadUntil(id: number, seq: number, maxPages = 40): Promise<boolean> {
    await this.openConversation(id);
    for (let page = 0; page < maxPages; page++) {
      const timeline = this.store.getState().timelines[id];
      if (!timeline) return false;
      if (timeline.messages.some((m) => m.seq <= seq)) return true;
      if (!timeline.hasOlder) return false;
      await this.loadOlder(id);
    }
    return false;
  }

  async loadThread(conversationId: number, rootId: number): Promise<void> {
    const { items } = await messagesApi.page(conversationId, { threadRootId: rootId, limit: 200 });
    this.ensureUsers(items.map((m) => m.senderId));
    this.store.dispatch({ type: "timeline/merge", conversationId, messages: items });
  }

  async loadMembers(id: number): Promise<void> {
    const { items } = await conversationsApi.members(id);
    this.store.dispatch({ type: "members/loaded", conversationId: id, members: items });
    this.store.dispatch({
      type: "users/loaded",
      users: items
        .filter((m) => !this.store.getState().users[m.userId])
        .map((m) => ({ id: m.userId, username: m.username, displayName: m.displayName, isAdmin: false, isActive: true, createdAt: m.joinedAt })),
    });
    this.watchPresence(items.map((m) => m.userId));
  }

  markRead(id: number): void {
    const state = this.store.getState();
    const conv = state.conversations[id];
    if (!conv || !state.visible || conv.lastSeq <= conv.readSeq) return;
    const seq = conv.lastSeq;
    this.store.dispatch({ type: "conversation/read", id, seq });
    const viaRest = () => conversationsApi.markRead(id, seq).catch(() => undefined);
    if (this.hub.isConnected) this.hub.markRead(id, seq).catch(viaRest);
    else void viaRest();
  }

  // ---- users and presence ----

  ensureUsers(ids: number[]): void {
    const { users } = this.store.getState();
    for (const id of new Set(ids)) {
      if (users[id] || this.userRequests.has(id)) continue;
      this.userRequests.add(id);
      usersApi
        .get(id)
        .then((user) => this.store.dispatch({ type: "users/loaded", users: [user] }))
        .catch(() => undefined)
        .finally(() => this.userRequests.delete(id));
    }
  }

  watchPresence(extra: number[] = []): void {
    const { conversations, me } = this.store.getState();
    const ids = new Set<number>(extra);
    for (const conv of Object.values(conversations)) for (const id of conv.directUserIds ?? []) ids.add(id);
    // Myself too: my dot in member lists should say what others see.
    if (me) ids.add(me.id);
    const list = [...ids];
    if (list.length === 0) return;
    this.ensureUsers(list);
    this.hub.watchPresence(list);
    usersApi
      .presence(list)
      .then(({ items }) => this.store.dispatch({ type: "presence", items }))
      .catch(() => undefined);
  }

  // ---- sending: every message goes through the outbox ----

  send(conversationId: number, text: string, options: { threadRootId?: number | null; quoteId?: number | null; files?: FileDto[] } = {}): void {
    this.store.dispatch({
      type: "pending/add",
      item: {
        clientMsgId: newClientMsgId(),
        conversationId,
        text,
        threadRootId: options.threadRootId ?? null,
        quoteId: options.quoteId ?? null,
        files: options.files?.length ? options.files : undefined,
        createdAt: new Date().toISOString(),
        status: "queued",
        error: null,
      },
    });
    void this.flush();
  }

  retry(clientMsgId: string): void {
    this.store.dispatch({ type: "pending/retry", clientMsgId });
    void this.flush();
  }

  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        const item = nextToSend(this.store.getState().pending);
        if (!item) return;
        this.store.dispatch({ type: "pending/sending", clientMsgId: item.clientMsgId });
        try {
          const message = await messagesApi.send(item.conversationId, {
            text: item.text,
            clientMsgId: item.clientMsgId,
            threadRootId: item.threadRootId,
            quoteId: item.quoteId,
            fileIds: item.files?.map((f) => f.id),
          });
          this.store.dispatch({ type: "pending/sent", message });
        } catch (error) {
          const transient = error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 429));
          if (transient) {
            this.store.dispatch({ type: "pending/queued", clientMsgId: item.clientMsgId });
            this.scheduleFlush();
            return;
          }
          const code = error instanceof ApiError ? error.code : "unknown";
          this.store.dispatch({ type: "pending/failed", clientMsgId: item.clientMsgId, error: code });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private scheduleFlush(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, 4000);
  }
}

function pendingKey(userId: number): string {
  return `parley.pending.${userId}`;
}

function readPending(userId: number): unknown {
  try {
    return JSON.parse(localStorage.getItem(pendingKey(userId)) ?? "[]");
  } catch {
    return [];
  }
}

function writePending(userId: number, pending: unknown[]): void {
  try {
    if (pending.length === 0) localStorage.removeItem(pendingKey(userId));
    else localStorage.setItem(pendingKey(userId), JSON.stringify(pending));
  } catch {
    // Storage full or disabled: the queue still works for this page's lifetime.
  }
}
