import { describe, expect, it } from "vitest";
import { heartbeatFor } from "./heartbeat";

describe("heartbeatFor", () => {
  it("keeps SignalR's defaults for the server's defaults", () => {
    expect(heartbeatFor({ keepAliveSeconds: 15, clientTimeoutSeconds: 30 })).toEqual({
      keepAliveIntervalMs: 15000,
      serverTimeoutMs: 30000,
    });
  });

  it("follows a server with a longer keep-alive and timeout", () => {
    expect(heartbeatFor({ keepAliveSeconds: 60, clientTimeoutSeconds: 180 })).toEqual({
      keepAliveIntervalMs: 90000,
      serverTimeoutMs: 120000,
    });
  });

  it("ignores data that is not a hello", () => {
    expect(heartbeatFor(null)).toBeNull();
    expect(heartbeatFor("hello")).toBeNull();
    expect(heartbeatFor({ keepAliveSeconds: 0, clientTimeoutSeconds: 30 })).toBeNull();
    expect(heartbeatFor({ keepAliveSeconds: 15 })).toBeNull();
    expect(heartbeatFor({ keepAliveSeconds: "15", clientTimeoutSeconds: 30 })).toBeNull();
  });
});
