import { conversationsApi, usersApi } from "../../api/endpoints";
import type { ConversationDto, UserDto } from "../../api/types";
import { store } from "../../app/store";

export async function searchUsers(query: string): Promise<UserDto[]> {
  const { items } = await usersApi.search(query, 20);
  store.dispatch({ type: "users/loaded", users: items });
  return items;
}

export async function openDirect(userId: number): Promise<ConversationDto> {
  const conversation = await conversationsApi.create({ kind: "direct", memberIds: [userId] });
  store.dispatch({ type: "conversation/upsert", conversation });
  return conversation;
}

export async function createGroup(name: string, memberIds: number[]): Promise<ConversationDto> {
  const conversation = await conversationsApi.create({ kind: "group", name, memberIds });
  store.dispatch({ type: "conversation/upsert", conversation });
  return conversation;
}
