// Test builders for wire objects (used by the *.test.ts files beside this one).
import type { ConversationDto, EventDto, MessageDto } from "../../api/types";

export function message(id: number, seq: number, overrides: Partial<MessageDto> = {}): MessageDto {
  return {
    id,
    conversationId: 1,
    seq,
    senderId: 2,
    text: `message ${id}`,
    clientMsgId: null,
    createdAt: "2026-01-01T10:00:00Z",
    editedAt: null,
    deletedAt: null,
    recalledAt: null,
    threadRootId: null,
    replyCount: 0,
    quoteId: null,
    forwardedFromId: null,
    mentions: [],
    mentionsAll: false,
    pinnedAt: null,
    reactions: [],
    ...overrides,
  };
}

export function created(msg: MessageDto): EventDto {
  return { type: "message.created", conversationId: msg.conversationId, seq: msg.seq, data: msg, at: msg.createdAt };
}

export function event(type: string, seq: number | null, data: unknown, conversationId = 1): EventDto {
  return { type, conversationId, seq, data, at: "2026-01-01T10:05:00Z" };
}

export function conversation(id: number, overrides: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id,
    kind: "group",
    name: `group ${id}`,
    topic: null,
    announcement: null,
    isArchived: false,
    lastSeq: 0,
    readSeq: 0,
    unreadCount: 0,
    mentionCount: 0,
    muted: false,
    role: "member",
    memberCount: 2,
    createdAt: "2026-01-01T09:00:00Z",
    lastActivityAt: "2026-01-01T09:00:00Z",
    directUserIds: null,
    ...overrides,
  };
}
