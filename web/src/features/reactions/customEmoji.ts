// Custom emoji uploaded by administrators (GET /custom-emoji), shared by the picker, reactions and the admin
// section. Their images need the bearer token, so each is fetched once as a blob and shown through an object URL.
import { useSyncExternalStore } from "react";
import { customEmojiApi } from "../../api/endpoints";
import type { CustomEmojiDto } from "../../api/types";

export interface CustomEmojiState {
  list: CustomEmojiDto[];
  /** name → object URL, once its image has loaded. */
  urls: Record<string, string>;
}

let state: CustomEmojiState = { list: [], urls: {} };
let loading: Promise<void> | null = null;
let loaded = false;
const listeners = new Set<() => void>();

function set(next: CustomEmojiState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** ":name:" → "name"; null for a Unicode emoji. */
export function customName(emoji: string): string | null {
  return /^:[a-z0-9_+-]{2,30}:$/.test(emoji) ? emoji.slice(1, -1) : null;
}

/** Loads the list (once, or again after an admin change) and every image not loaded yet. */
export function loadCustomEmoji(force = false): Promise<void> {
  if ((loaded && !force) || (loading && !force)) return loading ?? Promise.resolve();
  loading = customEmojiApi
    .list()
    .then(async ({ items }) => {
      loaded = true;
      set({ list: items, urls: state.urls });
      for (const emoji of items) {
        if (state.urls[emoji.name]) continue;
        const blob = await customEmojiApi.image(emoji.name).catch(() => null);
        if (blob) set({ ...state, urls: { ...state.urls, [emoji.name]: URL.createObjectURL(blob) } });
      }
    })
    .catch(() => undefined)
    .finally(() => {
      loading = null;
    });
  return loading;
}

export function useCustomEmoji(): CustomEmojiState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      void loadCustomEmoji();
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
