import type { MyPollStateDto } from "../../api/types";
import type { EventRegistry } from "../../core";
import { setMyPollState } from "./myPolls";

/** poll.mine: the user's own choice changed (on this or another device). poll.updated is applied by core to the message. */
export function registerPollEvents({ registerEventHandler }: EventRegistry): void {
  registerEventHandler("poll.mine", (event, { after }) => {
    const meId = after.me?.id;
    if (meId !== undefined) setMyPollState(meId, event.data as MyPollStateDto);
  });
}
