// Calls: ringing, state changes and signalling are user-addressed (every tab of mine, on every node); call.started
// and call.ended are logged conversation events (records in the list, the header's join button).
import type { CallEventData, CallRingData, CallSignalData } from "../../api/types";
import type { EventRegistry } from "../../core";
import { callCenterOf } from "./callCenter";

export function registerCallEvents({ registerEventHandler }: EventRegistry): void {
  registerEventHandler("call.ring", (event, { core, live }) => {
    if (live) callCenterOf(core).ring((event.data as CallRingData).call);
  });
  registerEventHandler("call.ring_stopped", (event, { core }) => callCenterOf(core).ringStopped((event.data as CallRingData).call.id));
  registerEventHandler("call.updated", (event, { core }) => callCenterOf(core).update((event.data as CallRingData).call));
  registerEventHandler("call.signal", (event, { core }) => callCenterOf(core).signal(event.data as CallSignalData));
  for (const type of ["call.started", "call.ended"]) {
    registerEventHandler(type, (event, { core }) => void callCenterOf(core).refresh((event.data as CallEventData).callId).catch(() => undefined));
  }
}
