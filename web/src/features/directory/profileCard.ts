// Which profile card is open: any component where a name appears calls openProfile(userId); ProfileCardHost shows it.
import { useSyncExternalStore } from "react";

let current: number | null = null;
const listeners = new Set<() => void>();

export function openProfile(userId: number): void {
  current = userId;
  listeners.forEach((l) => l());
}

export function closeProfile(): void {
  current = null;
  listeners.forEach((l) => l());
}

export function useOpenProfile(): number | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
