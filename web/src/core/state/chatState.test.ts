import { describe, expect, it } from "vitest";
import { chatReducer, initialChatState, typingUsers, TYPING_TTL_MS, type ChatState } from "./chatState";
import { conversation, created, event, message } from "./fixtures";
import type { MemberDto, UserDto } from "../../api/types";

const me: UserDto = { id: 9, username: "me", displayName: "Me", isAdmin: false, isActive: true, createdAt: "2026-01-01T00:00:00Z" };

function member(userId: number, readSeq: number): MemberDto {
  return { userId, username: `u${userId}`, displayName: `U${userId}`, role: "member", readSeq, muted: false, joinedAt: "2026-01-01T00:00:00Z" };
}

function ready(): ChatState {
  let state = chatReducer(initialChatState, { type: "me", user: me });
  state = chatReducer(state, { type: "conversations/loaded", items: [conversation(1, { lastSeq: 2, readSeq: 2 })] });
  return chatReducer(state, { type: "timeline/latest", conversationId: 1, messages: [message(1, 1), message(2, 2)], hasOlder: false, headSeq: 2 });
}

describe("chatReducer", () => {
  it("userUpdated_ReachesTheUserMapMembersAndMyOwnRecord_KeepingPrivateFields", () => {
    let state = chatReducer(ready(), { type: "me", user: { ...me, permissions: ["users.manage"] } });
    state = chatReducer(state, { type: "members/loaded", conversationId: 1, members: [member(9, 2), member(4, 1)] });
    state = chatReducer(state, { type: "users/loaded", users: [{ ...me, id: 4, username: "u4", displayName: "U4" }] });
    const four: UserDto = { id: 4, username: "u4", displayName: "Four", isAdmin: false, isActive: true, createdAt: "2026-01-01T00:00:00Z", avatarUrl: "/api/v1/users/4/avatar?v=abc" };
    state = chatReducer(state, { type: "event", event: event("user.updated", null, four, 0), now: 0 });
    expect(state.users[4]?.avatarUrl).toBe(four.avatarUrl);
    expect(state.members[1]?.find((m) => m.userId === 4)).toMatchObject({ displayName: "Four", avatarUrl: four.avatarUrl });
    state = chatReducer(state, { type: "event", event: event("user.updated", null, { ...me, displayName: "Me again", avatarUrl: null }, 0), now: 0 });
    expect(state.me).toMatchObject({ displayName: "Me again", avatarUrl: null, permissions: ["users.manage"] });
  });

  it("liveMessage_UpdatesSidebarAndOpenTimeline", () => {
    const state = chatReducer(ready(), { type: "event", event: created(message(3, 3)), now: 0 });
    expect(state.conversations[1]?.unreadCount).toBe(1);
    expect(state.timelines[1]?.messages.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it("liveMessage_ForActiveVisibleConversation_IsNotUnread", () => {
    let state = chatReducer(ready(), { type: "conversation/active", id: 1 });
    state = chatReducer(state, { type: "event", event: created(message(3, 3)), now: 0 });
    expect(state.conversations[1]?.unreadCount).toBe(0);
  });

  it("messageCreatedWithMyClientMsgId_ResolvesPending", () => {
    let state = chatReducer(ready(), {
      type: "pending/add",
      item: { clientMsgId: "k1", conversationId: 1, text: "hi", threadRootId: null, quoteId: null, createdAt: "", status: "sending", error: null },
    });
    expect(state.pending).toHaveLength(1);
    state = chatReducer(state, { type: "event", event: created(message(3, 3, { senderId: 9, clientMsgId: "k1" })), now: 0 });
    expect(state.pending).toHaveLength(0);
  });

  it("ackThenEvent_ShowsMessageOnce", () => {
    let state = chatReducer(ready(), { type: "pending/sent", message: message(3, 3, { clientMsgId: "k1" }) });
    state = chatReducer(state, { type: "event", event: created(message(3, 3, { clientMsgId: "k1" })), now: 0 });
    expect(state.timelines[1]?.messages.filter((m) => m.id === 3)).toHaveLength(1);
    expect(state.timelines[1]?.appliedSeq).toBe(3);
  });

  it("receipt_RaisesMemberReadSeqOnly", () => {
    let state = chatReducer(ready(), { type: "members/loaded", conversationId: 1, members: [member(2, 1), member(9, 2)] });
    state = chatReducer(state, { type: "event", event: event("receipt", null, { userId: 2, readSeq: 2 }), now: 0 });
    expect(state.members[1]?.find((m) => m.userId === 2)?.readSeq).toBe(2);
    state = chatReducer(state, { type: "event", event: event("receipt", null, { userId: 2, readSeq: 1 }), now: 0 });
    expect(state.members[1]?.find((m) => m.userId === 2)?.readSeq).toBe(2);
  });

  it("memberLeft_RemovesFromList", () => {
    let state = chatReducer(ready(), { type: "members/loaded", conversationId: 1, members: [member(2, 1), member(9, 2)] });
    state = chatReducer(state, { type: "event", event: event("member.left", 3, { userId: 2, role: null }), now: 0 });
    expect(state.members[1]?.map((m) => m.userId)).toEqual([9]);
  });

  it("typing_ExpiresAfterTtl_AndIgnoresMe", () => {
    let state = chatReducer(ready(), { type: "event", event: event("typing", null, { userId: 2 }), now: 1000 });
    state = chatReducer(state, { type: "event", event: event("typing", null, { userId: 9 }), now: 1000 });
    expect(typingUsers(state, 1, 1001)).toEqual([2]);
    state = chatReducer(state, { type: "typing/expire", now: 1000 + TYPING_TTL_MS + 1 });
    expect(typingUsers(state, 1, 1000 + TYPING_TTL_MS + 1)).toEqual([]);
  });

  it("sync_ThenReplayedEvents_AreNotDoubled", () => {
    let state = ready();
    const events = [created(message(3, 3)), created(message(4, 4))];
    for (const e of events) state = chatReducer(state, { type: "event", event: e, now: 0 });
    // Catch-up after a reconnect replays what the push already delivered.
    for (const e of events) state = chatReducer(state, { type: "event", event: e, now: 0 });
    expect(state.timelines[1]?.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });
});
