// bookmark.changed and draft.changed arrive on every connection of the user (conversationId 0, no seq): a change
// made on another device, or the echo of one made here.
import type { BookmarkEventData, DraftDto } from "../../api/types";
import type { EventRegistry } from "../../core";
import { savedOf } from "./savedSession";

export function registerSavedEvents(events: EventRegistry): void {
  events.registerEventHandler("draft.changed", (event, { core }) => {
    savedOf(core).store.applyDraft(event.data as DraftDto);
  });
  events.registerEventHandler("bookmark.changed", (event, { core }) => {
    const data = event.data as BookmarkEventData;
    savedOf(core).store.setBookmarked(data.messageId, data.saved);
  });
}
