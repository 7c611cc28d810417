import { conversationsApi } from "../../api/endpoints";
import type { ConversationDto, MemberRole } from "../../api/types";
import type { Core } from "../../core";

export async function updateConversation({ store }: Core, id: number, change: { name?: string; topic?: string; announcement?: string }): Promise<void> {
  const updated = await conversationsApi.update(id, change);
  const current = store.getState().conversations[id];
  if (updated && typeof updated === "object" && "id" in updated && current) {
    // The PATCH answer has the new fields; keep my own counters from the current summary.
    const merged: ConversationDto = { ...current, name: updated.name, topic: updated.topic, announcement: updated.announcement };
    store.dispatch({ type: "conversation/upsert", conversation: merged });
  }
}

/** Optimistic: the switch flips at once and flips back if the server refuses. */
export async function setMuted({ store }: Core, id: number, muted: boolean): Promise<void> {
  const set = (value: boolean) => {
    const current = store.getState().conversations[id];
    if (current) store.dispatch({ type: "conversation/upsert", conversation: { ...current, muted: value } });
  };
  set(muted);
  try {
    await conversationsApi.mute(id, muted);
  } catch (error) {
    set(!muted);
    throw error;
  }
}

/** The watermark over the conversation, for everyone in it; members see it through conversation.updated. */
export async function setWatermark({ store }: Core, id: number, enabled: boolean): Promise<void> {
  await conversationsApi.watermark(id, enabled);
  const current = store.getState().conversations[id];
  if (current) store.dispatch({ type: "conversation/upsert", conversation: { ...current, watermark: enabled } });
}

export async function setRole({ people }: Core, id: number, userId: number, role: MemberRole): Promise<void> {
  await conversationsApi.setRole(id, userId, role);
  await people.loadMembers(id);
}

export async function addMembers({ people }: Core, id: number, userIds: number[]): Promise<void> {
  await conversationsApi.addMembers(id, userIds);
  await people.loadMembers(id);
}

export async function removeMember({ people }: Core, id: number, userId: number): Promise<void> {
  await conversationsApi.removeMember(id, userId);
  await people.loadMembers(id);
}

export async function leaveConversation({ store }: Core, id: number): Promise<void> {
  await conversationsApi.leave(id);
  store.dispatch({ type: "conversation/removed", id });
}
