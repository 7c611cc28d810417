// Replies only the sender sees ("ephemeral"): kept in memory per conversation, never stored, gone on reload.
import { useSyncExternalStore } from "react";

export interface EphemeralNote {
  id: number;
  command: string;
  /** The server's English text, shown when the client has no words of its own for the reply's key. */
  text: string;
  key?: string | null;
  args?: Record<string, string> | null;
}

let notes: Record<number, EphemeralNote[]> = {};
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
const none: EphemeralNote[] = [];

export function addNote(conversationId: number, note: Omit<EphemeralNote, "id">): void {
  // The latest few per conversation are enough: they are answers to what the user just typed.
  notes = { ...notes, [conversationId]: [...(notes[conversationId] ?? []), { ...note, id: nextId++ }].slice(-5) };
  emit();
}

export function dismissNote(conversationId: number, id: number): void {
  notes = { ...notes, [conversationId]: (notes[conversationId] ?? []).filter((n) => n.id !== id) };
  emit();
}

export function useNotes(conversationId: number): EphemeralNote[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => notes[conversationId] ?? none,
  );
}
