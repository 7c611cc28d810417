import { filesApi } from "../../api/endpoints";
import type { FileDto } from "../../api/types";

export const FILES_PAGE_SIZE = 30;

/** One page of a conversation's shared files, newest first; `more` when the page was full. */
export async function loadFilesPage(conversationId: number, query: string, beforeId: number | null): Promise<{ items: FileDto[]; more: boolean }> {
  const { items } = await filesApi.list(conversationId, { query: query.trim() || undefined, beforeId: beforeId ?? undefined, limit: FILES_PAGE_SIZE });
  return { items, more: items.length === FILES_PAGE_SIZE };
}
