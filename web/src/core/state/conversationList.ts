// The sidebar's view of conversations: summary counters kept current from live events between syncs.
import type { ConversationDto, EventDto, MessageDto } from "../../api/types";

export type ConversationMap = Record<number, ConversationDto>;

function isMessage(data: unknown): data is MessageDto {
  return typeof data === "object" && data !== null && "senderId" in data && "seq" in data;
}

export function mentionsMe(message: MessageDto, meId: number): boolean {
  return message.mentionsAll || message.mentions.includes(meId);
}

/**
 * Updates a conversation's counters for one live event. `viewing` is true when the user has it open and visible,
 * so a new message is not counted as unread. It does not move `readSeq`: that is the server's read position, moved
 * only by Timelines.markRead, which also reports it. Moving it here made markRead see nothing left to report, so live
 * messages read in an open conversation were never reported (issue 20: the sender kept seeing "Unread" and the badge
 * came back after a reload).
 */
export function applyToConversation(conv: ConversationDto, event: EventDto, meId: number, viewing: boolean): ConversationDto {
  if (event.seq === null || event.seq <= conv.lastSeq) {
    if (event.type === "receipt") return applyReceipt(conv, event, meId);
    if (event.type === "conversation.updated") return applyUpdate(conv, event);
    return conv;
  }
  let next: ConversationDto = { ...conv, lastSeq: event.seq };
  if (event.type === "message.created" && isMessage(event.data)) {
    const message = event.data;
    next.lastActivityAt = event.at || message.createdAt;
    if (message.senderId === meId) {
      next = { ...next, readSeq: event.seq, unreadCount: 0, mentionCount: 0 };
    } else if (viewing) {
      // Counted as read on screen; markRead (called for this event, see features/messages/events.ts) reports it.
    } else if (message.threadRootId === null) {
      next.unreadCount = conv.unreadCount + 1;
      if (mentionsMe(message, meId)) next.mentionCount = conv.mentionCount + 1;
    }
  } else if (event.type === "conversation.updated") {
    next = applyUpdate(next, event);
  } else if (event.type === "member.role" || event.type === "member.joined") {
    const data = event.data as { userId?: number; role?: ConversationDto["role"] } | null;
    if (data?.userId === meId && data.role) next.role = data.role;
  }
  return next;
}

function applyReceipt(conv: ConversationDto, event: EventDto, meId: number): ConversationDto {
  const data = event.data as { userId?: number; readSeq?: number } | null;
  if (data?.userId !== meId || typeof data.readSeq !== "number" || data.readSeq <= conv.readSeq) return conv;
  // My other device read up to here; counts for anything later are unknown until the next sync.
  const readAll = data.readSeq >= conv.lastSeq;
  return { ...conv, readSeq: data.readSeq, unreadCount: readAll ? 0 : conv.unreadCount, mentionCount: readAll ? 0 : conv.mentionCount };
}

const updatableFields = ["name", "topic", "announcement", "isArchived", "muted", "watermark"] as const;

function applyUpdate(conv: ConversationDto, event: EventDto): ConversationDto {
  const data = event.data as Partial<ConversationDto> | null;
  if (!data) return conv;
  const next: ConversationDto = { ...conv };
  for (const field of updatableFields) {
    // null: the event leaves the field as it was (e.g. a watermark change carries no name).
    if (field in data && data[field] !== undefined && data[field] !== null) (next as unknown as Record<string, unknown>)[field] = data[field];
  }
  return next;
}

export function markReadLocally(conv: ConversationDto, seq: number): ConversationDto {
  if (seq <= conv.readSeq && conv.unreadCount === 0) return conv;
  const readAll = seq >= conv.lastSeq;
  return { ...conv, readSeq: Math.max(conv.readSeq, seq), unreadCount: readAll ? 0 : conv.unreadCount, mentionCount: readAll ? 0 : conv.mentionCount };
}

export function applySync(current: ConversationMap, changed: ConversationDto[], removed: number[]): ConversationMap {
  const next: ConversationMap = { ...current };
  for (const conv of changed) {
    // A live event may already have moved past what this (older) snapshot says.
    const known = next[conv.id];
    next[conv.id] = known && known.lastSeq > conv.lastSeq ? { ...conv, lastSeq: known.lastSeq, lastActivityAt: known.lastActivityAt } : conv;
  }
  for (const id of removed) delete next[id];
  return next;
}

/** Sidebar order: most recent activity first, ties by id so the order is stable. */
export function sortByActivity(conversations: ConversationDto[]): ConversationDto[] {
  return [...conversations].sort((a, b) => {
    const diff = Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
    return diff !== 0 ? diff : b.id - a.id;
  });
}
