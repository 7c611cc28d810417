// The signed-in user's own choice in each poll. It is per user, so it is not in the poll summary every member
// receives: the card asks GET /polls/mine for every poll on screen in one request (ids gathered in one tick), vote and
// sign-up answers update it at once, and the user-only poll.mine event brings changes made on the user's other devices.
import { useEffect, useSyncExternalStore } from "react";
import { pollsApi } from "../../api/endpoints";
import type { MyPollStateDto } from "../../api/types";

const states = new Map<string, MyPollStateDto>();
const requested = new Set<string>();
const listeners = new Set<() => void>();
let queued: { meId: number; pollId: number }[] = [];
let flushing: ReturnType<typeof setTimeout> | null = null;

const keyOf = (meId: number, pollId: number) => `${meId}:${pollId}`;

function emit(): void {
  for (const listener of listeners) listener();
}

export function setMyPollState(meId: number, state: MyPollStateDto): void {
  states.set(keyOf(meId, state.pollId), state);
  requested.add(keyOf(meId, state.pollId));
  emit();
}

async function flush(): Promise<void> {
  flushing = null;
  const batch = queued;
  queued = [];
  const byUser = new Map<number, number[]>();
  for (const { meId, pollId } of batch) byUser.set(meId, [...(byUser.get(meId) ?? []), pollId]);
  for (const [meId, ids] of byUser) {
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      try {
        const { items } = await pollsApi.mine(chunk);
        for (const item of items) states.set(keyOf(meId, item.pollId), item);
        emit();
      } catch {
        for (const id of chunk) requested.delete(keyOf(meId, id)); // asked again when next shown
      }
    }
  }
}

/** Queues a poll for the next batched GET /polls/mine (once per poll and user). */
export function requestMyPollState(meId: number, pollId: number): void {
  const key = keyOf(meId, pollId);
  if (requested.has(key)) return;
  requested.add(key);
  queued.push({ meId, pollId });
  flushing ??= setTimeout(() => void flush(), 0);
}

/** The user's choice in a poll: undefined until loaded. */
export function useMyPollState(meId: number, pollId: number): MyPollStateDto | undefined {
  useEffect(() => requestMyPollState(meId, pollId), [meId, pollId]);
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => states.get(keyOf(meId, pollId)),
  );
}
