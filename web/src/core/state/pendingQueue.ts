// Messages typed while offline (or still in flight). Each carries its clientMsgId from the moment it is typed,
// so however many times it is retried the server stores it once (the idempotency key, DESIGN.md §3).
import type { FileDto } from "../../api/types";

export type PendingStatus = "queued" | "sending" | "failed";

export interface PendingMessage {
  clientMsgId: string;
  conversationId: number;
  text: string;
  threadRootId: number | null;
  quoteId: number | null;
  /** Uploaded attachments sent with the text (their ids go in fileIds); absent for text-only messages. */
  files?: FileDto[];
  /** Members asked to acknowledge; absent for a plain message. */
  urgentFor?: number[];
  createdAt: string;
  status: PendingStatus;
  error: string | null;
}

export function enqueue(queue: PendingMessage[], item: PendingMessage): PendingMessage[] {
  if (queue.some((p) => p.clientMsgId === item.clientMsgId)) return queue;
  return [...queue, item];
}

function update(queue: PendingMessage[], clientMsgId: string, change: Partial<PendingMessage>): PendingMessage[] {
  return queue.map((p) => (p.clientMsgId === clientMsgId ? { ...p, ...change } : p));
}

export const markSending = (queue: PendingMessage[], id: string) => update(queue, id, { status: "sending", error: null });
export const markQueued = (queue: PendingMessage[], id: string) => update(queue, id, { status: "queued" });
export const markFailed = (queue: PendingMessage[], id: string, error: string) => update(queue, id, { status: "failed", error });
export const retry = (queue: PendingMessage[], id: string) => update(queue, id, { status: "queued", error: null });

/** The server acknowledged it (HTTP 201, or its message.created event arrived): it leaves the queue. */
export function resolve(queue: PendingMessage[], clientMsgId: string | null): PendingMessage[] {
  if (!clientMsgId) return queue;
  return queue.some((p) => p.clientMsgId === clientMsgId) ? queue.filter((p) => p.clientMsgId !== clientMsgId) : queue;
}

export const discard = (queue: PendingMessage[], id: string) => queue.filter((p) => p.clientMsgId !== id);

/** Oldest queued message; nothing while one is in flight, so a conversation's messages keep their typed order. */
export function nextToSend(queue: PendingMessage[]): PendingMessage | null {
  if (queue.some((p) => p.status === "sending")) return null;
  return queue.find((p) => p.status === "queued") ?? null;
}

/** After a reload nothing is in flight any more: what was sending goes back to the queue (the key makes a resend safe). */
export function restore(saved: unknown): PendingMessage[] {
  if (!Array.isArray(saved)) return [];
  return saved
    .filter((p): p is PendingMessage => typeof p === "object" && p !== null && typeof (p as PendingMessage).clientMsgId === "string")
    .map((p) => (p.status === "sending" ? { ...p, status: "queued" as const } : p));
}

export function newClientMsgId(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
