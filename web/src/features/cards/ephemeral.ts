// Replies an integration sent to this user only (card.ephemeral), under the card that was clicked. Never stored on
// the server: kept here until the user dismisses them or reloads, as Slack does.
import { useSyncExternalStore } from "react";
import type { CardEphemeralDto } from "../../api/types";

const replies = new Map<number, CardEphemeralDto>();
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function setEphemeral(reply: CardEphemeralDto): void {
  replies.set(reply.messageId, reply);
  emit();
}

export function dismissEphemeral(messageId: number): void {
  if (replies.delete(messageId)) emit();
}

export function useEphemeral(messageId: number): CardEphemeralDto | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => replies.get(messageId),
  );
}
