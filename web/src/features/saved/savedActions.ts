// The saved feature's calls to the server: bookmarks (the store changes at once and a failure puts it back; the
// server's push confirms the change on the user's other devices) and drafts (start-up list, saves).
import { savedApi } from "../../api/endpoints";
import type { BookmarkPage, DraftDto } from "../../api/types";
import type { Core } from "../../core";
import type { SavedStore } from "./savedStore";
import { savedOf } from "./savedSession";

export async function setBookmark(core: Core, messageId: number, saved: boolean): Promise<void> {
  const { store } = savedOf(core);
  store.setBookmarked(messageId, saved);
  try {
    if (saved) await savedApi.bookmark(messageId);
    else await savedApi.unbookmark(messageId);
  } catch (error) {
    store.setBookmarked(messageId, !saved);
    throw error;
  }
}

export const loadBookmarks = (before?: number): Promise<BookmarkPage> => savedApi.bookmarks({ before, limit: 50 });

/** Pages of ids loaded at start; more pages follow for users with many. */
const ID_PAGE = 200;

export async function loadBookmarkIds(store: SavedStore): Promise<void> {
  const ids: number[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await savedApi.bookmarks({ before, limit: ID_PAGE });
    ids.push(...page.items.map((b) => b.messageId));
    if (page.nextBefore == null) break;
    before = page.nextBefore;
  }
  store.setBookmarks(ids);
}

export async function loadDrafts(store: SavedStore): Promise<void> {
  store.replaceDrafts((await savedApi.drafts()).items);
}

export const saveDraft = (conversationId: number, threadRootId: number | null, text: string, keepalive: boolean): Promise<DraftDto> =>
  savedApi.saveDraft(conversationId, threadRootId, text, keepalive);
