import { messagesApi } from "../../api/endpoints";
import type { SearchHitDto } from "../../api/types";
import type { Core } from "../../core";

export async function searchMessages({ people }: Core, query: string, conversationId?: number): Promise<SearchHitDto[]> {
  const { items } = await messagesApi.search(query, { conversationId, limit: 50 });
  people.ensureUsers(items.map((h) => h.message.senderId));
  return items;
}
