import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MessageDto } from "../../api/types";
import { message } from "../state/fixtures";
import { Store } from "../store";

const server = vi.hoisted(() => ({ sent: [] as string[], hold: null as Promise<void> | null }));

vi.mock("../../api/endpoints", () => ({
  messagesApi: {
    send: async (conversationId: number, body: { clientMsgId: string; text: string }): Promise<MessageDto> => {
      server.sent.push(body.text);
      if (server.hold) await server.hold;
      return { ...message(100 + server.sent.length, 100 + server.sent.length), conversationId, clientMsgId: body.clientMsgId };
    },
  },
}));

const { Outbox } = await import("./outbox");

function storeFor(userId: number): Store {
  const store = new Store();
  store.dispatch({ type: "me", user: { id: userId, username: "me", displayName: "Me", isAdmin: false, isActive: true, createdAt: "" } });
  return store;
}

const saved = new Map<string, string>();

beforeEach(() => {
  server.sent = [];
  server.hold = null;
  saved.clear();
  vi.stubGlobal("localStorage", {
    getItem: (key: string) => saved.get(key) ?? null,
    setItem: (key: string, value: string) => saved.set(key, value),
    removeItem: (key: string) => saved.delete(key),
  });
});

afterEach(() => vi.unstubAllGlobals());

describe("Outbox", () => {
  it("sendsInTypedOrder_OneAtATime", async () => {
    let release: () => void = () => undefined;
    server.hold = new Promise((resolve) => (release = resolve));
    const store = storeFor(9);
    const outbox = new Outbox(store);
    outbox.send(1, "first");
    outbox.send(1, "second");
    await vi.waitFor(() => expect(server.sent).toEqual(["first"]));
    release();
    await vi.waitFor(() => expect(server.sent).toEqual(["first", "second"]));
    await vi.waitFor(() => expect(store.getState().pending).toEqual([]));
  });

  it("unsentMessages_SurviveAReload_AndWhatWasSendingIsQueuedAgain", () => {
    server.hold = new Promise(() => undefined); // the server never answers before the "reload"
    const before = storeFor(9);
    const first = new Outbox(before);
    first.start();
    first.send(1, "typed offline");
    expect(before.getState().pending[0]?.status).toBe("sending");
    expect(saved.has("parley.pending.9")).toBe(true);
    first.stop();

    const after = storeFor(9);
    new Outbox(after).start();
    expect(after.getState().pending.map((p) => [p.text, p.status, p.clientMsgId])).toEqual([["typed offline", "queued", before.getState().pending[0]?.clientMsgId]]);
  });

  it("anotherUser_DoesNotSeeMyOutbox", () => {
    saved.set("parley.pending.9", JSON.stringify([{ clientMsgId: "k", conversationId: 1, text: "mine", threadRootId: null, quoteId: null, createdAt: "", status: "queued", error: null }]));
    const other = storeFor(10);
    new Outbox(other).start();
    expect(other.getState().pending).toEqual([]);
  });

  it("discard_RemovesIt_AndTheStoredCopyFollows", async () => {
    const store = storeFor(9);
    const outbox = new Outbox(store);
    outbox.start();
    store.dispatch({ type: "pending/add", item: { clientMsgId: "k", conversationId: 1, text: "x", threadRootId: null, quoteId: null, createdAt: "", status: "failed", error: "message_too_large" } });
    expect(saved.has("parley.pending.9")).toBe(true);
    outbox.discard("k");
    expect(store.getState().pending).toEqual([]);
    expect(saved.has("parley.pending.9")).toBe(false);
  });
});
