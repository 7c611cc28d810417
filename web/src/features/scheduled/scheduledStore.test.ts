import { afterEach, describe, expect, it } from "vitest";
import { applyReminder, applyScheduled, getScheduledState, hideToast, resetScheduled, setReminderList } from "./scheduledStore";
import type { ReminderDto, ScheduledMessageDto } from "./types";

const scheduled = (id: number, sendAt: string, status: ScheduledMessageDto["status"] = "pending"): ScheduledMessageDto => ({
  id, conversationId: 1, text: `m${id}`, files: [], threadRootId: null, quoteId: null, sendAt, status, errorCode: null, error: null, messageId: null, createdAt: sendAt,
});
const reminder = (id: number, status: ReminderDto["status"]): ReminderDto => ({
  id, messageId: 10 + id, conversationId: 1, at: `2026-12-0${id}T09:00:00Z`, status, preview: "p", createdAt: "2026-12-01T00:00:00Z",
});

describe("scheduled store", () => {
  afterEach(resetScheduled);

  it("keeps waiting and failed schedules in time order and drops sent or deleted ones", () => {
    applyScheduled(scheduled(2, "2026-12-02T09:00:00Z"));
    applyScheduled(scheduled(1, "2026-12-01T09:00:00Z"));
    expect(getScheduledState().scheduled.map((s) => s.id)).toEqual([1, 2]);
    applyScheduled(scheduled(2, "2026-12-02T09:00:00Z", "failed"));
    applyScheduled(scheduled(1, "2026-12-01T09:00:00Z", "sent"));
    expect(getScheduledState().scheduled.map((s) => [s.id, s.status])).toEqual([[2, "failed"]]);
    applyScheduled(scheduled(2, "2026-12-02T09:00:00Z", "cancelled"));
    expect(getScheduledState().scheduled).toEqual([]);
  });

  it("shows a toast for due reminders until hidden or deleted", () => {
    setReminderList([reminder(1, "pending"), reminder(2, "due")]);
    expect(getScheduledState().toasts).toEqual([2]);
    applyReminder(reminder(1, "due"));
    expect(getScheduledState().toasts).toEqual([2, 1]);
    hideToast(2);
    applyReminder(reminder(1, "deleted"));
    expect(getScheduledState().toasts).toEqual([]);
    expect(getScheduledState().reminders.map((r) => r.id)).toEqual([2]);
  });
});
