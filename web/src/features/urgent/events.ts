// Urgent messages: the banner follows the user-addressed events; counts on messages arrive as message.urgent (core).
import type { MessageDto, PendingUrgentDto, UrgentClearedData } from "../../api/types";
import type { EventRegistry } from "../../core";
import { pendingUrgentOf } from "./pendingUrgent";

export function registerUrgentEvents({ registerEventHandler }: EventRegistry): void {
  registerEventHandler("urgent.requested", (event, { core }) => pendingUrgentOf(core).add(event.data as PendingUrgentDto));
  for (const type of ["urgent.acknowledged", "urgent.cleared"]) {
    registerEventHandler(type, (event, { core }) => pendingUrgentOf(core).drop((event.data as UrgentClearedData).messageId));
  }
  // A message deleted or recalled while this device missed urgent.cleared: the log still says so.
  for (const type of ["message.deleted", "message.recalled"]) {
    registerEventHandler(type, (event, { core }) => pendingUrgentOf(core).drop((event.data as MessageDto).id));
  }
}
