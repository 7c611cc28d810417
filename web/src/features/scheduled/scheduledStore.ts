// The signed-in user's scheduled messages and reminders, shared by the composer's bar, the lists and the reminder
// toasts. Loaded once per session and kept current by the user-addressed events (events.ts), so every tab agrees.
import { useSyncExternalStore } from "react";
import type { ReminderDto, ScheduledMessageDto } from "./types";

export interface ScheduledState {
  scheduled: ScheduledMessageDto[];
  reminders: ReminderDto[];
  /** Due reminders whose toast is showing (live ones, and those already due when the session started). */
  toasts: number[];
}

const empty: ScheduledState = { scheduled: [], reminders: [], toasts: [] };
let state: ScheduledState = empty;
const listeners = new Set<() => void>();

function set(next: ScheduledState): void {
  state = next;
  for (const listener of listeners) listener();
}

export const getScheduledState = (): ScheduledState => state;
export const resetScheduled = (): void => set(empty);

const bySendAt = (a: ScheduledMessageDto, b: ScheduledMessageDto) => a.sendAt.localeCompare(b.sendAt) || a.id - b.id;
const byAt = (a: ReminderDto, b: ReminderDto) => a.at.localeCompare(b.at) || a.id - b.id;

export function setScheduledList(items: ScheduledMessageDto[]): void {
  set({ ...state, scheduled: [...items].sort(bySendAt) });
}

export function setReminderList(items: ReminderDto[]): void {
  const due = items.filter((r) => r.status === "due").map((r) => r.id);
  set({ ...state, reminders: [...items].sort(byAt), toasts: [...new Set([...state.toasts, ...due])] });
}

/** A change of one schedule: listed while waiting, sending or failed; gone once sent or deleted. */
export function applyScheduled(item: ScheduledMessageDto): void {
  const rest = state.scheduled.filter((s) => s.id !== item.id);
  const listed = item.status === "pending" || item.status === "sending" || item.status === "failed";
  set({ ...state, scheduled: listed ? [...rest, item].sort(bySendAt) : rest });
}

export function applyReminder(item: ReminderDto): void {
  const rest = state.reminders.filter((r) => r.id !== item.id);
  const toasts = state.toasts.filter((id) => id !== item.id || item.status === "due");
  if (item.status === "due" && !toasts.includes(item.id)) toasts.push(item.id);
  set({ ...state, reminders: item.status === "deleted" ? rest : [...rest, item].sort(byAt), toasts });
}

export function hideToast(id: number): void {
  set({ ...state, toasts: state.toasts.filter((t) => t !== id) });
}

export function useScheduled<T>(select: (s: ScheduledState) => T): T {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => select(state),
  );
}
