// Sending: every message goes through the outbox (state/pendingQueue.ts), persisted per user in localStorage, sent
// over REST in typed order, retried with the same clientMsgId on network errors, 5xx and 429, failed on other 4xx.
import { appStorage } from "../../app/storage";
import { messagesApi } from "../../api/endpoints";
import { ApiError, NetworkError } from "../../api/http";
import type { FileDto } from "../../api/types";
import { newClientMsgId, nextToSend, restore } from "../state/pendingQueue";
import type { Store } from "../store";

export interface SendOptions {
  threadRootId?: number | null;
  quoteId?: number | null;
  files?: FileDto[];
  /** Members asked to acknowledge (an urgent message). */
  urgentFor?: number[];
}

/** Retry interval after a transient failure (the hub's reconnect and the browser's `online` also flush). */
const RETRY_MS = 4000;

export class Outbox {
  private flushing = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly store: Store) {}

  /** Restore what this user left unsent, and keep the stored copy in step from now on. */
  start(): void {
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
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  send(conversationId: number, text: string, options: SendOptions = {}): void {
    this.store.dispatch({
      type: "pending/add",
      item: {
        clientMsgId: newClientMsgId(),
        conversationId,
        text,
        threadRootId: options.threadRootId ?? null,
        quoteId: options.quoteId ?? null,
        files: options.files?.length ? options.files : undefined,
        urgentFor: options.urgentFor?.length ? options.urgentFor : undefined,
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

  discard(clientMsgId: string): void {
    this.store.dispatch({ type: "pending/discard", clientMsgId });
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
            urgentFor: item.urgentFor,
          });
          this.store.dispatch({ type: "pending/sent", message });
        } catch (error) {
          // An urgent budget that is spent refills in minutes: fail and say so rather than retry every few seconds.
          const transient = error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || (error.status === 429 && error.code !== "urgent_rate_limited")));
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
    }, RETRY_MS);
  }
}

function pendingKey(userId: number): string {
  return `parley.pending.${userId}`;
}

function readPending(userId: number): unknown {
  try {
    return JSON.parse(appStorage.getItem(pendingKey(userId)) ?? "[]");
  } catch {
    return [];
  }
}

function writePending(userId: number, pending: unknown[]): void {
  try {
    if (pending.length === 0) appStorage.removeItem(pendingKey(userId));
    else appStorage.setItem(pendingKey(userId), JSON.stringify(pending));
  } catch {
    // Storage full or disabled: the queue still works for this page's lifetime.
  }
}
