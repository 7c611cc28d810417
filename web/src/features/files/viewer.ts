// Which file is open in the viewer (image lightbox or preview dialog). One viewer for the whole app, outside the
// virtualized list, so a row scrolling out of view does not close it.
import { useSyncExternalStore } from "react";
import type { FileDto } from "../../api/types";

export interface ViewerState {
  /** The files one can step through with the arrow keys (the images of a message, or the Files panel's page). */
  files: FileDto[];
  index: number;
}

let state: ViewerState | null = null;
const listeners = new Set<() => void>();

function set(next: ViewerState | null): void {
  state = next;
  for (const listener of listeners) listener();
}

export const openViewer = (files: FileDto[], index: number) => set({ files, index });
export const closeViewer = () => set(null);

/** Steps to the previous/next file, wrapping around. */
export function stepViewer(delta: number): void {
  if (!state || state.files.length < 2) return;
  const count = state.files.length;
  set({ ...state, index: (state.index + delta + count) % count });
}

export function useViewer(): ViewerState | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
