// Everything the chat screens read, changed only through `chatReducer` (pure, unit-tested).
import type { ConversationDto, EventDto, MemberDto, MessageDto, PresenceStatus, UserDto } from "../../api/types";
import type { HubStatus } from "../../api/hub";
import { applySync, applyToConversation, markReadLocally, type ConversationMap } from "./conversationList";
import { applyLoggedEvent, emptyTimeline, initTimeline, mergeMessages, prependOlder, type Timeline } from "./timeline";
import type { PendingMessage } from "./pendingQueue";
import * as queue from "./pendingQueue";

export interface ChatState {
  me: UserDto | null;
  conversations: ConversationMap;
  /** Conversations whose list has loaded at least once. */
  conversationsLoaded: boolean;
  cursor: number;
  timelines: Record<number, Timeline>;
  members: Record<number, MemberDto[]>;
  users: Record<number, UserDto>;
  presence: Record<number, PresenceStatus>;
  /** conversationId → userId → time (ms) the typing indicator expires. */
  typing: Record<number, Record<number, number>>;
  pending: PendingMessage[];
  connection: HubStatus;
  activeConversationId: number | null;
  /** True while the tab is visible and focused: new messages in the open conversation count as read. */
  visible: boolean;
}

export const initialChatState: ChatState = {
  me: null,
  conversations: {},
  conversationsLoaded: false,
  cursor: 0,
  timelines: {},
  members: {},
  users: {},
  presence: {},
  typing: {},
  pending: [],
  connection: "connecting",
  activeConversationId: null,
  visible: true,
};

export type ChatAction =
  | { type: "me"; user: UserDto }
  | { type: "conversations/loaded"; items: ConversationDto[] }
  | { type: "sync/applied"; cursor: number; conversations: ConversationDto[]; removed: number[] }
  | { type: "conversation/upsert"; conversation: ConversationDto }
  | { type: "conversation/removed"; id: number }
  | { type: "conversation/active"; id: number | null }
  | { type: "conversation/read"; id: number; seq: number }
  | { type: "visible"; visible: boolean }
  | { type: "timeline/latest"; conversationId: number; messages: MessageDto[]; hasOlder: boolean; headSeq: number }
  | { type: "timeline/older"; conversationId: number; messages: MessageDto[]; hasOlder: boolean }
  | { type: "timeline/merge"; conversationId: number; messages: MessageDto[] }
  | { type: "event"; event: EventDto; now: number }
  | { type: "members/loaded"; conversationId: number; members: MemberDto[] }
  | { type: "users/loaded"; users: UserDto[] }
  | { type: "presence"; items: { userId: number; status: PresenceStatus }[] }
  | { type: "typing/expire"; now: number }
  | { type: "pending/set"; pending: PendingMessage[] }
  | { type: "pending/add"; item: PendingMessage }
  | { type: "pending/sending"; clientMsgId: string }
  | { type: "pending/queued"; clientMsgId: string }
  | { type: "pending/failed"; clientMsgId: string; error: string }
  | { type: "pending/retry"; clientMsgId: string }
  | { type: "pending/discard"; clientMsgId: string }
  | { type: "pending/sent"; message: MessageDto }
  | { type: "connection"; status: HubStatus };

/** How long a typing indicator stays after the last typing event. */
export const TYPING_TTL_MS = 6000;

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "me":
      return { ...state, me: action.user, users: { ...state.users, [action.user.id]: action.user } };
    case "conversations/loaded":
      return { ...state, conversations: applySync({}, action.items, []), conversationsLoaded: true };
    case "sync/applied":
      return {
        ...state,
        cursor: action.cursor,
        conversations: applySync(state.conversations, action.conversations, action.removed),
        conversationsLoaded: true,
      };
    case "conversation/upsert":
      return { ...state, conversations: { ...state.conversations, [action.conversation.id]: action.conversation } };
    case "conversation/removed": {
      const conversations = { ...state.conversations };
      delete conversations[action.id];
      return { ...state, conversations };
    }
    case "conversation/active":
      return { ...state, activeConversationId: action.id };
    case "conversation/read": {
      const conv = state.conversations[action.id];
      if (!conv) return state;
      const next = markReadLocally(conv, action.seq);
      return next === conv ? state : { ...state, conversations: { ...state.conversations, [action.id]: next } };
    }
    case "visible":
      return { ...state, visible: action.visible };
    case "timeline/latest":
      return withTimeline(state, action.conversationId, (t) => initTimeline(t, action.messages, action.hasOlder, action.headSeq));
    case "timeline/older":
      return withTimeline(state, action.conversationId, (t) => prependOlder(t, action.messages, action.hasOlder));
    case "timeline/merge":
      return withTimeline(state, action.conversationId, (t) => ({ ...t, messages: mergeMessages(t.messages, action.messages) }));
    case "event":
      return applyEvent(state, action.event, action.now);
    case "members/loaded":
      return { ...state, members: { ...state.members, [action.conversationId]: action.members } };
    case "users/loaded": {
      const users = { ...state.users };
      for (const user of action.users) users[user.id] = user;
      return { ...state, users };
    }
    case "presence": {
      const presence = { ...state.presence };
      for (const item of action.items) presence[item.userId] = item.status;
      return { ...state, presence };
    }
    case "typing/expire":
      return expireTyping(state, action.now);
    case "pending/set":
      return { ...state, pending: action.pending };
    case "pending/add":
      return { ...state, pending: queue.enqueue(state.pending, action.item) };
    case "pending/sending":
      return { ...state, pending: queue.markSending(state.pending, action.clientMsgId) };
    case "pending/queued":
      return { ...state, pending: queue.markQueued(state.pending, action.clientMsgId) };
    case "pending/failed":
      return { ...state, pending: queue.markFailed(state.pending, action.clientMsgId, action.error) };
    case "pending/retry":
      return { ...state, pending: queue.retry(state.pending, action.clientMsgId) };
    case "pending/discard":
      return { ...state, pending: queue.discard(state.pending, action.clientMsgId) };
    case "pending/sent": {
      // The ack carries the stored message: show it now; its message.created event will be deduplicated by id.
      const pending = queue.resolve(state.pending, action.message.clientMsgId);
      const next = { ...state, pending };
      const timeline = state.timelines[action.message.conversationId];
      if (!timeline || timeline.appliedSeq < 0) return next;
      return withTimeline(next, action.message.conversationId, (t) => ({ ...t, messages: mergeMessages(t.messages, [action.message]) }));
    }
    case "connection":
      return { ...state, connection: action.status };
  }
}

function withTimeline(state: ChatState, conversationId: number, change: (t: Timeline) => Timeline): ChatState {
  const current = state.timelines[conversationId] ?? emptyTimeline;
  const next = change(current);
  return next === current ? state : { ...state, timelines: { ...state.timelines, [conversationId]: next } };
}

/**
 * Someone's public record changed (name, avatar): every copy of it follows. The event carries the public DTO, so my own
 * record keeps its private fields (permissions, second factor) and takes only the public ones.
 */
function applyUserUpdated(state: ChatState, user: UserDto | null): ChatState {
  if (typeof user?.id !== "number") return state;
  const known = state.users[user.id];
  const users = { ...state.users, [user.id]: known ? { ...known, displayName: user.displayName, avatarUrl: user.avatarUrl ?? null } : user };
  const me = state.me?.id === user.id ? { ...state.me, displayName: user.displayName, avatarUrl: user.avatarUrl ?? null } : state.me;
  let members = state.members;
  for (const [conversationId, list] of Object.entries(state.members)) {
    if (!list.some((m) => m.userId === user.id)) continue;
    members = { ...members, [conversationId]: list.map((m) => (m.userId === user.id ? { ...m, displayName: user.displayName, avatarUrl: user.avatarUrl ?? null } : m)) };
  }
  return { ...state, users, me: me ?? null, members };
}

function applyEvent(state: ChatState, event: EventDto, now: number): ChatState {
  const id = event.conversationId;
  switch (event.type) {
    case "typing": {
      const userId = (event.data as { userId?: number } | null)?.userId;
      if (typeof userId !== "number" || userId === state.me?.id) return state;
      return { ...state, typing: { ...state.typing, [id]: { ...state.typing[id], [userId]: now + TYPING_TTL_MS } } };
    }
    case "presence": {
      const data = event.data as { userId?: number; status?: PresenceStatus } | null;
      if (typeof data?.userId !== "number" || !data.status) return state;
      return { ...state, presence: { ...state.presence, [data.userId]: data.status } };
    }
    case "receipt":
      return applyReceipt(state, event);
    case "user.updated":
      return applyUserUpdated(state, event.data as UserDto | null);
  }
  let next = state;
  const conv = state.conversations[id];
  const me = state.me?.id ?? -1;
  if (conv) {
    const viewing = state.activeConversationId === id && state.visible;
    const updated = applyToConversation(conv, event, me, viewing);
    if (updated !== conv) next = { ...next, conversations: { ...next.conversations, [id]: updated } };
  }
  const timeline = state.timelines[id];
  if (timeline) next = withTimeline(next, id, (t) => applyLoggedEvent(t, event).timeline);
  if (event.type === "message.created") {
    const message = event.data as MessageDto;
    next = { ...next, pending: queue.resolve(next.pending, message.clientMsgId) };
    // A message from someone ends their typing indicator.
    const typingHere = next.typing[id];
    if (typingHere && message.senderId in typingHere) {
      const rest = { ...typingHere };
      delete rest[message.senderId];
      next = { ...next, typing: { ...next.typing, [id]: rest } };
    }
  }
  if (event.type.startsWith("member.")) next = applyMemberEvent(next, event);
  return next;
}

function applyReceipt(state: ChatState, event: EventDto): ChatState {
  const data = event.data as { userId?: number; readSeq?: number } | null;
  if (typeof data?.userId !== "number" || typeof data.readSeq !== "number") return state;
  const id = event.conversationId;
  let next = state;
  const conv = state.conversations[id];
  if (conv) {
    const updated = applyToConversation(conv, event, state.me?.id ?? -1, false);
    if (updated !== conv) next = { ...next, conversations: { ...next.conversations, [id]: updated } };
  }
  const members = state.members[id];
  if (members) {
    const readSeq = data.readSeq;
    const changed = members.map((m) => (m.userId === data.userId && m.readSeq < readSeq ? { ...m, readSeq } : m));
    next = { ...next, members: { ...next.members, [id]: changed } };
  }
  return next;
}

function applyMemberEvent(state: ChatState, event: EventDto): ChatState {
  const members = state.members[event.conversationId];
  if (!members) return state;
  const data = event.data as { userId?: number; role?: MemberDto["role"] } | null;
  if (typeof data?.userId !== "number") return state;
  let changed = members;
  if (event.type === "member.left") changed = members.filter((m) => m.userId !== data.userId);
  else if (event.type === "member.role" && data.role) changed = members.map((m) => (m.userId === data.userId ? { ...m, role: data.role ?? m.role } : m));
  // member.joined names only the user: the engine refetches the list (names, read positions) after applying it.
  return changed === members ? state : { ...state, members: { ...state.members, [event.conversationId]: changed } };
}

function expireTyping(state: ChatState, now: number): ChatState {
  let changed = false;
  const typing: ChatState["typing"] = {};
  for (const [conv, users] of Object.entries(state.typing)) {
    const alive: Record<number, number> = {};
    for (const [user, until] of Object.entries(users)) {
      if (until > now) alive[Number(user)] = until;
      else changed = true;
    }
    typing[Number(conv)] = alive;
  }
  return changed ? { ...state, typing } : state;
}

/** Users typing in a conversation right now, other than me. */
export function typingUsers(state: ChatState, conversationId: number, now: number): number[] {
  const users = state.typing[conversationId] ?? {};
  return Object.entries(users)
    .filter(([, until]) => until > now)
    .map(([user]) => Number(user));
}
