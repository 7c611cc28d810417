// What the UI does with schedules and reminders: each call updates the shared list at once from its answer (the
// user-addressed event that follows brings the same state to the other tabs).
import { newClientMsgId } from "../../core";
import type { FileDto } from "../../api/types";
import { remindersApi, scheduledApi } from "./scheduledApi";
import { applyReminder, applyScheduled, getScheduledState, setReminderList, setScheduledList } from "./scheduledStore";
import type { ScheduledMessageDto } from "./types";

export async function loadScheduled(): Promise<void> {
  setScheduledList((await scheduledApi.list()).items);
}

export async function loadReminders(): Promise<void> {
  setReminderList((await remindersApi.list()).items);
}

export async function scheduleMessage(conversationId: number, text: string, sendAt: Date, options: { threadRootId?: number | null; files?: FileDto[] } = {}): Promise<void> {
  await scheduledApi.schedule(conversationId, {
    text,
    clientMsgId: newClientMsgId(),
    threadRootId: options.threadRootId ?? null,
    fileIds: (options.files ?? []).map((f) => f.id),
    sendAt: sendAt.toISOString(),
  });
  await loadScheduled();
}

export async function updateScheduled(id: number, change: { text?: string; sendAt?: Date }): Promise<void> {
  applyScheduled(await scheduledApi.update(id, { text: change.text, sendAt: change.sendAt?.toISOString() }));
}

export async function deleteScheduled(item: ScheduledMessageDto): Promise<void> {
  await scheduledApi.remove(item.id);
  applyScheduled({ ...item, status: "cancelled" });
}

export async function sendScheduledNow(item: ScheduledMessageDto): Promise<void> {
  const message = await scheduledApi.sendNow(item.id);
  applyScheduled({ ...item, status: "sent", messageId: message.id });
}

export async function setReminder(messageId: number, at: Date): Promise<void> {
  applyReminder(await remindersApi.set(messageId, at.toISOString()));
}

export async function dismissReminder(id: number): Promise<void> {
  await remindersApi.remove(id);
  const item = getScheduledState().reminders.find((r) => r.id === id);
  if (item) applyReminder({ ...item, status: "deleted" });
}
