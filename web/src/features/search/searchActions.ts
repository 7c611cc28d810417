import { messagesApi } from "../../api/endpoints";
import type { SearchHitDto } from "../../api/types";
import { engine } from "../../app/engine";

export async function searchMessages(query: string, conversationId?: number): Promise<SearchHitDto[]> {
  const { items } = await messagesApi.search(query, { conversationId, limit: 50 });
  engine().ensureUsers(items.map((h) => h.message.senderId));
  return items;
}
