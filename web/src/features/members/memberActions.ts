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
async function flip({ store }: Core, id: number, field: "muted" | "watermark", value: boolean, call: () => Promise<unknown>): Promise<void> {
  const set = (v: boolean) => {
    const current = store.getState().conversations[id];
    if (current) store.dispatch({ type: "conversation/upsert", conversation: { ...current, [field]: v } });
  };
  set(value);
  try {
    await call();
  } catch (error) {
    set(!value);
    throw error;
  }
}

export const setMuted = (core: Core, id: number, muted: boolean) => flip(core, id, "muted", muted, () => conversationsApi.mute(id, muted));

/** The watermark over the conversation, for everyone in it; the other members see it through conversation.updated. */
export const setWatermark = (core: Core, id: number, enabled: boolean) =>
  flip(core, id, "watermark", enabled, () => conversationsApi.watermark(id, enabled));

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
