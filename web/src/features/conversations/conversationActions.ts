import { conversationsApi, usersApi } from "../../api/endpoints";
import type { ConversationDto, UserDto } from "../../api/types";
import type { Core } from "../../core";

export async function searchUsers({ store }: Core, query: string): Promise<UserDto[]> {
  const { items } = await usersApi.search(query, 20);
  store.dispatch({ type: "users/loaded", users: items });
  return items;
}

export async function openDirect({ store }: Core, userId: number): Promise<ConversationDto> {
  const conversation = await conversationsApi.create({ kind: "direct", memberIds: [userId] });
  store.dispatch({ type: "conversation/upsert", conversation });
  return conversation;
}

export async function createGroup({ store }: Core, name: string, memberIds: number[]): Promise<ConversationDto> {
  const conversation = await conversationsApi.create({ kind: "group", name, memberIds });
  store.dispatch({ type: "conversation/upsert", conversation });
  return conversation;
}
