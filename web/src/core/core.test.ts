import { beforeEach, describe, expect, it, vi } from "vitest";
import type { EventDto, MessageDto, SyncResponse } from "../api/types";
import { ApiError, NetworkError } from "../api/http";
import { ConfigSource } from "./config";
import { EventRegistry } from "./events";
import { conversation, created, message } from "./state/fixtures";

// The server, as far as the engine can see it: a log per conversation and a send endpoint.
const server = vi.hoisted(() => ({
  log: [] as EventDto[],
  sync: null as SyncResponse | null,
  sendResults: [] as Array<MessageDto | Error>,
  sent: [] as Array<{ conversationId: number; clientMsgId: string }>,
  eventCalls: [] as number[],
  syncCalls: 0,
  reads: [] as Array<{ conversationId: number; seq: number }>,
}));

vi.mock("../api/hub", () => ({
  HubClient: class {
    isConnected = false;
    start() {}
    stop() {
      return Promise.resolve();
    }
    watchPresence() {}
    markRead() {
      return Promise.resolve();
    }
  },
}));

vi.mock("../api/endpoints", () => ({
  conversationsApi: {
    list: () => Promise.resolve({ items: server.sync?.conversations ?? [] }),
    sync: () => {
      server.syncCalls += 1;
      return Promise.resolve(server.sync);
    },
    get: (id: number) => Promise.resolve(server.sync?.conversations.find((c) => c.id === id)),
    events: (_id: number, afterSeq: number, limit: number) => {
      server.eventCalls.push(afterSeq);
      return Promise.resolve({ items: server.log.filter((e) => (e.seq ?? 0) > afterSeq).slice(0, limit) });
    },
    members: () => Promise.resolve({ items: [] }),
    markRead: (conversationId: number, seq: number) => {
      server.reads.push({ conversationId, seq });
      return Promise.resolve();
    },
  },
  messagesApi: {
    page: () => Promise.resolve({ items: [message(1, 1)] }),
    send: (conversationId: number, body: { clientMsgId: string }) => {
      server.sent.push({ conversationId, clientMsgId: body.clientMsgId });
      const next = server.sendResults.shift();
      if (!next) return Promise.reject(new Error("no scripted result"));
      return next instanceof Error ? Promise.reject(next) : Promise.resolve({ ...next, clientMsgId: body.clientMsgId });
    },
  },
  usersApi: {
    get: (id: number) => Promise.resolve({ id, username: `u${id}`, displayName: `U${id}`, isAdmin: false, isActive: true, createdAt: "" }),
    presence: () => Promise.resolve({ items: [] }),
  },
}));

const { Core } = await import("./core");
const { registerMessageEvents } = await import("../features/messages/events");

function coreWithStore(events = new EventRegistry()) {
  const config = new ConfigSource(undefined, () => Promise.reject(new NetworkError("not in these tests")));
  const core = new Core({ user: { id: 9, username: "me", displayName: "Me", isAdmin: false, isActive: true, createdAt: "" }, token: () => "token", events, config });
  return { store: core.store, core };
}

/** What the hub would deliver: the core's own entry point for pushed events. */
function push(core: InstanceType<typeof Core>, event: EventDto): void {
  (core as unknown as { onEvent(e: EventDto): void }).onEvent(event);
}

beforeEach(() => {
  server.log = [];
  server.sendResults = [];
  server.sent = [];
  server.eventCalls = [];
  server.syncCalls = 0;
  server.reads = [];
  server.sync = { cursor: 1, conversations: [conversation(1, { lastSeq: 1 })], removed: [] };
});

describe("Core catch-up", () => {
  it("afterReconnect_FetchesEventsAfterAppliedSeq_PagedAndInOrder", async () => {
    const { store, core } = coreWithStore();
    await core.catchUp.run();
    await core.timelines.openConversation(1);
    expect(store.getState().timelines[1]?.appliedSeq).toBe(1);

    // While "offline", the server's log grew by 450 events: more than two pages of 200.
    for (let seq = 2; seq <= 451; seq++) server.log.push(created(message(seq, seq)));
    server.sync = { cursor: 2, conversations: [conversation(1, { lastSeq: 451 })], removed: [] };
    await core.catchUp.run();

    const timeline = store.getState().timelines[1];
    expect(timeline?.appliedSeq).toBe(451);
    expect(timeline?.messages.map((m) => m.seq)).toEqual(Array.from({ length: 451 }, (_, i) => i + 1));
    expect(server.eventCalls.slice(-3)).toEqual([1, 201, 401]);
  });

  it("liveEventsDuringCatchUp_AreNeitherLostNorDoubled", async () => {
    const { store, core } = coreWithStore();
    await core.catchUp.run();
    await core.timelines.openConversation(1);
    for (let seq = 2; seq <= 5; seq++) server.log.push(created(message(seq, seq)));
    // The push delivers 4 and 5 before catch-up has fetched 2 and 3.
    store.dispatch({ type: "event", event: created(message(5, 5)), now: 0 });
    store.dispatch({ type: "event", event: created(message(4, 4)), now: 0 });
    expect(store.getState().timelines[1]?.appliedSeq).toBe(1);
    await core.catchUp.fillGap(1);
    expect(store.getState().timelines[1]?.messages.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("Core resync", () => {
  it("resyncEvent_RunsCatchUp_AndIsNotAppliedAsAnEvent", async () => {
    const { store, core } = coreWithStore();
    await core.catchUp.run();
    const before = server.syncCalls;
    const stateBefore = store.getState().conversations;
    push(core, { type: "resync", conversationId: 0, seq: null, data: null, at: "2026-11-30T00:00:00Z" });
    await vi.waitFor(() => expect(server.syncCalls).toBe(before + 1));
    expect(store.getState().conversations).toEqual(stateBefore);
  });
});

describe("Core catch-up scheduling", () => {
  it("requestWhileRunning_RunsOnceMoreAfterwards_NotInParallel", async () => {
    const { core } = coreWithStore();
    const first = core.catchUp.run();
    const second = core.catchUp.run();
    expect(second).toBe(first);
    await first;
    await vi.waitFor(() => expect(server.syncCalls).toBe(2));
  });
});

describe("Core outbox", () => {
  it("networkFailure_KeepsMessageQueued_ThenSendsOnceWithSameClientMsgId", async () => {
    const { store, core } = coreWithStore();
    server.sendResults.push(new NetworkError("offline"));
    core.outbox.send(1, "hello");
    await vi.waitFor(() => expect(store.getState().pending[0]?.status).toBe("queued"));
    const key = store.getState().pending[0]?.clientMsgId;

    server.sendResults.push(message(2, 2, { senderId: 9 }));
    await core.outbox.flush();
    expect(store.getState().pending).toEqual([]);
    expect(server.sent.map((s) => s.clientMsgId)).toEqual([key, key]);
    await core.stop();
  });

  it("rejectedByServer_IsMarkedFailedWithItsCode_AndLaterOnesStillSend", async () => {
    const { store, core } = coreWithStore();
    server.sendResults.push(new ApiError(413, "message_too_large", "too large"), message(3, 3, { senderId: 9 }));
    core.outbox.send(1, "x".repeat(10));
    core.outbox.send(1, "second");
    await vi.waitFor(() => expect(server.sent).toHaveLength(2));
    await vi.waitFor(() => expect(store.getState().pending.map((p) => [p.text, p.status, p.error])).toEqual([["xxxxxxxxxx", "failed", "message_too_large"]]));
  });
});

describe("Core event handlers", () => {
  it("registeredHandler_RunsAfterTheEventIsApplied_LiveOnlyWhenPushed", async () => {
    const events = new EventRegistry();
    const seen: Array<{ seq: number | null; live: boolean; applied: number | undefined }> = [];
    events.registerEventHandler("message.created", (event, { live, after }) => seen.push({ seq: event.seq, live, applied: after.timelines[1]?.appliedSeq }));
    const { core } = coreWithStore(events);
    await core.catchUp.run();
    await core.timelines.openConversation(1);

    server.log.push(created(message(2, 2)));
    await core.catchUp.fillGap(1);
    push(core, created(message(3, 3)));

    expect(seen).toEqual([
      { seq: 2, live: false, applied: 2 },
      { seq: 3, live: true, applied: 3 },
    ]);
  });
});

describe("Core read position", () => {
  it("liveMessage_InOpenVisibleConversation_IsReportedToTheServer", async () => {
    const events = new EventRegistry();
    registerMessageEvents(events);
    const { store, core } = coreWithStore(events);
    await core.catchUp.run();
    store.dispatch({ type: "conversation/active", id: 1 });
    await core.timelines.openConversation(1);
    server.reads = [];

    push(core, created(message(2, 2, { senderId: 5 })));

    // Issue 20: the list used to apply the read position itself, so markRead returned early and never reported it.
    expect(server.reads, "the live message's seq is reported as read").toEqual([{ conversationId: 1, seq: 2 }]);
    expect(store.getState().conversations[1]?.readSeq).toBe(2);
    expect(store.getState().conversations[1]?.unreadCount).toBe(0);
  });

  it("liveMessage_InHiddenTab_StaysUnreadAndUnreported", async () => {
    const events = new EventRegistry();
    registerMessageEvents(events);
    const { store, core } = coreWithStore(events);
    await core.catchUp.run();
    store.dispatch({ type: "conversation/active", id: 1 });
    await core.timelines.openConversation(1);
    store.dispatch({ type: "visible", visible: false });
    server.reads = [];

    push(core, created(message(2, 2, { senderId: 5 })));

    expect(server.reads).toEqual([]);
    expect(store.getState().conversations[1]?.unreadCount).toBe(1);
  });
});
