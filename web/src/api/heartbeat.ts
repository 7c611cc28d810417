// The hub's heartbeat follows the server's settings, which arrive as the first event of every connection ("hello").
// An operator may lengthen the server's keep-alive (Parley:Realtime) to save CPU on large nodes; a client that kept
// SignalR's defaults would then give up on a healthy but quiet server after 30 s.
import type { HelloEventData } from "./types";

export interface Heartbeat {
  /** How often this client pings a quiet connection. */
  keepAliveIntervalMs: number;
  /** How long this client waits for anything from the server before it considers the connection lost. */
  serverTimeoutMs: number;
}

const isPositive = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n > 0;

/** The heartbeat for a hello's data, or null when the data is not a valid hello (the defaults then stay). */
export function heartbeatFor(data: unknown): Heartbeat | null {
  if (!data || typeof data !== "object") return null;
  const { keepAliveSeconds, clientTimeoutSeconds } = data as Partial<HelloEventData>;
  if (!isPositive(keepAliveSeconds) || !isPositive(clientTimeoutSeconds)) return null;
  return {
    // Half the server's patience, so one late ping is not fatal.
    keepAliveIntervalMs: (clientTimeoutSeconds * 1000) / 2,
    // The server pings a quiet connection every keepAliveSeconds: allow two intervals.
    serverTimeoutMs: keepAliveSeconds * 2 * 1000,
  };
}
