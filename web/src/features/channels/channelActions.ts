import { conversationsApi } from "../../api/endpoints";
import type { ConversationDto } from "../../api/types";
import type { Core } from "../../core";

export async function browseChannels(query: string): Promise<ConversationDto[]> {
  return (await conversationsApi.browseChannels(query)).items;
}

export async function joinChannel({ store }: Core, id: number): Promise<ConversationDto> {
  const joined = await conversationsApi.join(id);
  const conversation = joined && typeof joined === "object" && "id" in joined ? joined : await conversationsApi.get(id);
  store.dispatch({ type: "conversation/upsert", conversation });
  return conversation;
}

export async function createChannel({ store }: Core, name: string, topic: string): Promise<ConversationDto> {
  const conversation = await conversationsApi.create({ kind: "channel", name, topic: topic || undefined });
  store.dispatch({ type: "conversation/upsert", conversation });
  return conversation;
}
