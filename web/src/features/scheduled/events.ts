// User-addressed events of scheduled send and reminders (conversationId 0): they keep every tab's lists current.
import type { EventRegistry } from "../../core";
import { applyReminder, applyScheduled } from "./scheduledStore";
import type { ReminderDto, ScheduledMessageDto } from "./types";

export function registerScheduledEvents({ registerEventHandler }: EventRegistry): void {
  registerEventHandler("scheduled.updated", (event) => applyScheduled(event.data as ScheduledMessageDto));
  registerEventHandler("reminder.updated", (event) => applyReminder(event.data as ReminderDto));
  registerEventHandler("reminder.due", (event) => applyReminder(event.data as ReminderDto));
}
