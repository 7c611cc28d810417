import type { CardEphemeralDto } from "../../api/types";
import type { EventRegistry } from "../../core";
import { setEphemeral } from "./ephemeral";

/** card.ephemeral: an integration answered a click of this user (on this or another device) for them only. */
export function registerCardEvents({ registerEventHandler }: EventRegistry): void {
  registerEventHandler("card.ephemeral", (event) => setEphemeral(event.data as CardEphemeralDto));
}
