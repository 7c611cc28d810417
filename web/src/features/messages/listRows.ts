// Turns a timeline into the rows the virtual list draws: day separators, grouped runs, then pending messages.
import type { CallDto, MessageDto } from "../../api/types";
import type { PendingMessage } from "../../core";

export type Row =
  | { kind: "day"; key: string; day: string }
  | { kind: "unread"; key: string }
  | { kind: "message"; key: string; message: MessageDto; grouped: boolean }
  | { kind: "pending"; key: string; pending: PendingMessage }
  | { kind: "call"; key: string; call: CallDto };

/** When a call record stands in the list: when it ended, or when it started while it runs. */
export const callTime = (call: CallDto) => Date.parse(call.endedAt ?? call.startedAt);

/** Consecutive messages by one sender within this window share a header. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

export function localDay(iso: string): string {
  const d = new Date(iso);
  const month = String(d.getMonth() + 1).padStart(2, "0");
  const day = String(d.getDate()).padStart(2, "0");
  return `${d.getFullYear()}-${month}-${day}`;
}

/**
 * `unreadAfterSeq`: the reader's read position when they opened the conversation; a "new messages" line goes above
 * the first later message from someone else (null: no line).
 */
export function buildRows(messages: MessageDto[], pending: PendingMessage[], unreadAfterSeq: number | null = null, meId = -1, calls: CallDto[] = []): Row[] {
  const rows: Row[] = [];
  let previous: MessageDto | null = null;
  let currentDay = "";
  let unreadPlaced = unreadAfterSeq === null;
  // Call records (issue 15) are placed among the messages by time, oldest first.
  const records = [...calls].sort((a, b) => callTime(a) - callTime(b));
  let nextRecord = 0;
  const placeRecords = (before: number) => {
    while (nextRecord < records.length && callTime(records[nextRecord]!) <= before) {
      const call = records[nextRecord++]!;
      const day = localDay(call.endedAt ?? call.startedAt);
      if (day !== currentDay) {
        rows.push({ kind: "day", key: `day-${day}`, day });
        currentDay = day;
      }
      rows.push({ kind: "call", key: `call-${call.id}`, call });
      previous = null;
    }
  };
  for (const message of messages) {
    if (message.threadRootId !== null) continue;
    placeRecords(Date.parse(message.createdAt));
    if (!unreadPlaced && unreadAfterSeq !== null && message.seq > unreadAfterSeq && message.senderId !== meId) {
      rows.push({ kind: "unread", key: "unread" });
      unreadPlaced = true;
      previous = null;
    }
    const day = localDay(message.createdAt);
    if (day !== currentDay) {
      rows.push({ kind: "day", key: `day-${day}`, day });
      currentDay = day;
      previous = null;
    }
    const grouped =
      previous !== null &&
      previous.senderId === message.senderId &&
      !previous.recalledAt &&
      !message.recalledAt &&
      message.forwardedFromId === null &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < GROUP_WINDOW_MS;
    rows.push({ kind: "message", key: `m-${message.id}`, message, grouped });
    previous = message;
  }
  placeRecords(Number.POSITIVE_INFINITY);
  const delivered = new Set(messages.map((m) => m.clientMsgId).filter((id): id is string => id !== null));
  for (const item of pending) {
    if (item.threadRootId !== null || delivered.has(item.clientMsgId)) continue;
    rows.push({ kind: "pending", key: `p-${item.clientMsgId}`, pending: item });
  }
  return rows;
}

export function rowIndexOfMessage(rows: Row[], messageId: number): number {
  return rows.findIndex((r) => r.kind === "message" && r.message.id === messageId);
}
