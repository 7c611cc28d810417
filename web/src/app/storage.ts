// Small things the client keeps between reloads (language, the outbox, recent emoji) go through here. An embedded
// frame (/embed) keeps them in memory only: its browser storage may be refused (a third-party frame) or, on the same
// site, shared with the full client of the same user, whose outbox an embedded session must not take over.
type KeyValue = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const memory = new Map<string, string>();
const inMemory: KeyValue = {
  getItem: (key) => memory.get(key) ?? null,
  setItem: (key, value) => void memory.set(key, value),
  removeItem: (key) => void memory.delete(key),
};

let target: () => KeyValue = () => localStorage;

/** From now on nothing is written to the browser's storage (features/embed). */
export function keepStorageInMemory(): void {
  target = () => inMemory;
}

/** The browser's storage, or memory in an embedded frame. Reading a refused storage gives null, writing to it nothing. */
export const appStorage: KeyValue = {
  getItem: (key) => {
    try {
      return target().getItem(key);
    } catch {
      return null;
    }
  },
  setItem: (key, value) => {
    try {
      target().setItem(key, value);
    } catch {
      // Full or refused: kept for this page's lifetime only, by whoever holds the value.
    }
  },
  removeItem: (key) => {
    try {
      target().removeItem(key);
    } catch {
      // As above.
    }
  },
};
