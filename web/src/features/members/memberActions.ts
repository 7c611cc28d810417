import { conversationsApi } from "../../api/endpoints";
import type { ConversationDto, MemberRole } from "../../api/types";
import { engine } from "../../app/engine";
import { store } from "../../app/store";

export async function updateConversation(id: number, change: { name?: string; topic?: string; announcement?: string }): Promise<void> {
  const updated = await conversationsApi.update(id, change);
  const current = store.getState().conversations[id];
  if (updated && typeof updated === "object" && "id" in updated && current) {
    // The PATCH answer has the new fields; keep my own counters from the current summary.
    const merged: ConversationDto = { ...current, name: updated.name, topic: updated.topic, announcement: updated.announcement };
    store.dispatch({ type: "conversation/upsert", conversation: merged });
  }
}

/** Optimistic: the switch flips at once and flips back if the server refuses. */
export async function setMuted(id: number, muted: boolean): Promise<void> {
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

export async function setRole(id: number, userId: number, role: MemberRole): Promise<void> {
  await conversationsApi.setRole(id, userId, role);
  await engine().loadMembers(id);
}

export async function addMembers(id: number, userIds: number[]): Promise<void> {
  await conversationsApi.addMembers(id, userIds);
  await engine().loadMembers(id);
}

export async function removeMember(id: number, userId: number): Promise<void> {
  await conversationsApi.removeMember(id, userId);
  await engine().loadMembers(id);
}

export async function leaveConversation(id: number): Promise<void> {
  await conversationsApi.leave(id);
  store.dispatch({ type: "conversation/removed", id });
}
