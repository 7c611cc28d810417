// A conversation's loaded messages plus the seq of the last log event applied to them.
// Invariants: `messages` is sorted by seq with unique ids; events are applied strictly in seq order,
// duplicates (seq <= appliedSeq) are dropped, and early arrivals wait in `buffer` until the gap is filled.
import type { EventDto, MessageDto, PollEventData, ReactionDto, ReactionEventData } from "../../api/types";

export interface Timeline {
  messages: MessageDto[];
  /** Highest log seq applied; -1 until the first page has loaded. */
  appliedSeq: number;
  hasOlder: boolean;
  /** Events that arrived ahead of a gap, sorted by seq. */
  buffer: EventDto[];
}

export const emptyTimeline: Timeline = { messages: [], appliedSeq: -1, hasOlder: true, buffer: [] };

export function mergeMessages(existing: MessageDto[], incoming: MessageDto[]): MessageDto[] {
  if (incoming.length === 0) return existing;
  const byId = new Map<number, MessageDto>();
  for (const message of existing) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * First page loaded (the latest messages). Everything up to `headSeq` (the conversation's lastSeq read just before
 * the page was requested) and up to the newest message in the page is already reflected in the DTOs, so replay
 * starts after the larger of the two. Replaying an event twice would, for example, count a thread reply twice.
 */
export function initTimeline(current: Timeline, messages: MessageDto[], hasOlder: boolean, headSeq = 0): Timeline {
  const merged = mergeMessages(current.messages, messages);
  const newest = messages.reduce((max, m) => Math.max(max, m.seq), 0);
  const appliedSeq = Math.max(current.appliedSeq, newest, headSeq);
  return drain({ messages: merged, appliedSeq, hasOlder, buffer: current.buffer.filter((e) => (e.seq ?? 0) > appliedSeq) });
}

export function prependOlder(current: Timeline, messages: MessageDto[], hasOlder: boolean): Timeline {
  return { ...current, messages: mergeMessages(current.messages, messages), hasOlder };
}

export interface ApplyResult {
  timeline: Timeline;
  /** True when an event is waiting behind a missing seq: fetch events after `appliedSeq`. */
  gap: boolean;
}

export function applyLoggedEvent(current: Timeline, event: EventDto): ApplyResult {
  const seq = event.seq;
  if (seq === null) return { timeline: current, gap: false };
  if (current.appliedSeq >= 0 && seq <= current.appliedSeq) return { timeline: current, gap: current.buffer.length > 0 };
  if (current.appliedSeq < 0 || seq > current.appliedSeq + 1) {
    const buffer = insertBuffered(current.buffer, event);
    return { timeline: { ...current, buffer }, gap: current.appliedSeq >= 0 };
  }
  const timeline = drain({ ...current, messages: applyToMessages(current.messages, event), appliedSeq: seq });
  return { timeline, gap: timeline.buffer.length > 0 };
}

function insertBuffered(buffer: EventDto[], event: EventDto): EventDto[] {
  if (buffer.some((e) => e.seq === event.seq)) return buffer;
  return [...buffer, event].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

function drain(timeline: Timeline): Timeline {
  let { messages, appliedSeq } = timeline;
  const rest: EventDto[] = [];
  for (const event of timeline.buffer) {
    const seq = event.seq ?? 0;
    if (seq <= appliedSeq) continue;
    if (seq === appliedSeq + 1) {
      messages = applyToMessages(messages, event);
      appliedSeq = seq;
    } else {
      rest.push(event);
    }
  }
  if (appliedSeq === timeline.appliedSeq && rest.length === timeline.buffer.length) return timeline;
  return { ...timeline, messages, appliedSeq, buffer: rest };
}

function isMessage(data: unknown): data is MessageDto {
  return typeof data === "object" && data !== null && "id" in data && "seq" in data && "senderId" in data;
}

function isReaction(data: unknown): data is ReactionEventData {
  return typeof data === "object" && data !== null && "messageId" in data && "emoji" in data && "userId" in data;
}

function isPollUpdate(data: unknown): data is PollEventData {
  return typeof data === "object" && data !== null && "messageId" in data && "poll" in data;
}

function replaceIfPresent(messages: MessageDto[], updated: MessageDto): MessageDto[] {
  const index = messages.findIndex((m) => m.id === updated.id);
  if (index < 0) return messages;
  const copy = messages.slice();
  copy[index] = updated;
  return copy;
}

export function applyToMessages(messages: MessageDto[], event: EventDto): MessageDto[] {
  const data = event.data;
  switch (event.type) {
    case "message.created": {
      if (!isMessage(data)) return messages;
      const isNew = !messages.some((m) => m.id === data.id);
      let next = mergeMessages(messages, [data]);
      if (isNew && data.threadRootId !== null) {
        next = next.map((m) => (m.id === data.threadRootId ? { ...m, replyCount: m.replyCount + 1 } : m));
      }
      return next;
    }
    case "message.edited":
    case "message.deleted":
    case "message.recalled":
    case "message.pinned":
    case "message.unpinned":
    case "message.urgent":
      return isMessage(data) ? replaceIfPresent(messages, data) : messages;
    case "reaction.added":
    case "reaction.removed": {
      if (!isReaction(data)) return messages;
      const target = messages.find((m) => m.id === data.messageId);
      if (!target) return messages;
      const reactions = changeReaction(target.reactions, data, event.type === "reaction.added");
      return replaceIfPresent(messages, { ...target, reactions });
    }
    case "poll.updated": {
      if (!isPollUpdate(data)) return messages;
      const target = messages.find((m) => m.id === data.messageId);
      return target && !target.deletedAt && !target.recalledAt ? replaceIfPresent(messages, { ...target, poll: data.poll }) : messages;
    }
    default:
      return messages;
  }
}

/** Idempotent: adding a reaction twice, or removing one that is absent, changes nothing. */
export function changeReaction(reactions: ReactionDto[], change: ReactionEventData, added: boolean): ReactionDto[] {
  const existing = reactions.find((r) => r.emoji === change.emoji);
  if (added) {
    if (existing?.userIds.includes(change.userId)) return reactions;
    if (!existing) return [...reactions, { emoji: change.emoji, count: 1, userIds: [change.userId] }];
    return reactions.map((r) => (r === existing ? { ...r, count: r.count + 1, userIds: [...r.userIds, change.userId] } : r));
  }
  if (!existing || !existing.userIds.includes(change.userId)) return reactions;
  if (existing.count <= 1) return reactions.filter((r) => r !== existing);
  return reactions.map((r) => (r === existing ? { ...r, count: r.count - 1, userIds: r.userIds.filter((u) => u !== change.userId) } : r));
}
