import { describe, expect, it, vi } from "vitest";
import type { EventDto } from "../api/types";
import { EventRegistry, type EventContext } from "./events";
import { initialChatState } from "./state/chatState";

const context = { core: null, live: true, before: initialChatState, after: initialChatState } as unknown as EventContext;
const event = (type: string): EventDto => ({ type, conversationId: 1, seq: 1, data: null, at: "2026-01-01T00:00:00Z" });

describe("EventRegistry", () => {
  it("handle_CallsOnlyTheHandlersOfThatType_InRegistrationOrder", () => {
    const registry = new EventRegistry();
    const calls: string[] = [];
    registry.registerEventHandler("message.created", () => calls.push("first"));
    registry.registerEventHandler("member.joined", () => calls.push("member"));
    registry.registerEventHandler("message.created", () => calls.push("second"));
    registry.handle(event("message.created"), context);
    expect(calls).toEqual(["first", "second"]);
  });

  it("unregister_StopsThatHandlerOnly", () => {
    const registry = new EventRegistry();
    const kept = vi.fn();
    const dropped = vi.fn();
    registry.registerEventHandler("typing", kept);
    const unregister = registry.registerEventHandler("typing", dropped);
    unregister();
    registry.handle(event("typing"), context);
    expect(kept).toHaveBeenCalledOnce();
    expect(dropped).not.toHaveBeenCalled();
  });

  it("throwingHandler_DoesNotStopTheOthers", () => {
    const registry = new EventRegistry();
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const after = vi.fn();
    registry.registerEventHandler("message.created", () => {
      throw new Error("feature bug");
    });
    registry.registerEventHandler("message.created", after);
    expect(() => registry.handle(event("message.created"), context)).not.toThrow();
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it("unknownType_IsIgnored", () => {
    expect(() => new EventRegistry().handle(event("something.new"), context)).not.toThrow();
  });
});
