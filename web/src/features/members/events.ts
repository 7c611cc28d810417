// Member lists follow membership events; leaving (or being removed) takes the conversation out of my list.
import type { EventRegistry } from "../../core";

export function registerMemberEvents({ registerEventHandler }: EventRegistry): void {
  // member.joined names only the user: the list (names, read positions) is fetched again, if it is shown.
  registerEventHandler("member.joined", (event, { core, after }) => {
    if (after.members[event.conversationId]) void core.people.loadMembers(event.conversationId).catch(() => undefined);
  });
  registerEventHandler("member.left", (event, { core, after }) => {
    const data = event.data as { userId?: number } | null;
    if (event.seq !== null && data?.userId === after.me?.id) core.store.dispatch({ type: "conversation/removed", id: event.conversationId });
  });
}
