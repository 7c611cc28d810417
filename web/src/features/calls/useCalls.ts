import { useSyncExternalStore } from "react";
import { useCore } from "../../core";
import { callCenterOf, type CallCenter, type CallsSnapshot } from "./callCenter";
import type { CallSession } from "./session";

export function useCalls(): [CallsSnapshot, CallCenter] {
  const center = callCenterOf(useCore());
  return [useSyncExternalStore(center.subscribe, center.get), center];
}

/** Re-renders on every change of the session (tracks, levels, quality). */
export function useSession(session: CallSession): number {
  return useSyncExternalStore(session.subscribe, () => session.version);
}
