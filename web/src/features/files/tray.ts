// The composer's pending attachments: what is uploading, done, or failed, per draft (conversation or thread).
// Pure reducer here; uploadActions.ts runs the uploads and keeps the File objects and abort controllers.
import type { FileDto } from "../../api/types";

export type TrayStatus = "uploading" | "done" | "failed";

export interface TrayItem {
  key: string;
  name: string;
  size: number;
  type: string;
  status: TrayStatus;
  /** Bytes the server holds (or has received so far). */
  sent: number;
  file: FileDto | null;
  /** The server's error code (file_too_large …) or "network". */
  error: string | null;
  /** A blob: URL of the local image, for the tray's preview. */
  previewUrl: string | null;
}

export type TrayAction =
  | { type: "add"; item: TrayItem }
  | { type: "progress"; key: string; sent: number }
  | { type: "done"; key: string; file: FileDto }
  | { type: "failed"; key: string; error: string }
  | { type: "retry"; key: string }
  | { type: "remove"; key: string };

export function trayReducer(items: TrayItem[], action: TrayAction): TrayItem[] {
  switch (action.type) {
    case "add":
      return items.some((i) => i.key === action.item.key) ? items : [...items, action.item];
    case "remove":
      return items.filter((i) => i.key !== action.key);
    default: {
      const index = items.findIndex((i) => i.key === action.key);
      const item = items[index];
      if (!item) return items;
      const next = changeItem(item, action);
      if (next === item) return items;
      return items.map((i, n) => (n === index ? next : i));
    }
  }
}

function changeItem(item: TrayItem, action: TrayAction): TrayItem {
  switch (action.type) {
    case "progress":
      // A late progress event after done/failed must not flip the state back.
      return item.status === "uploading" && action.sent !== item.sent ? { ...item, sent: action.sent } : item;
    case "done":
      return { ...item, status: "done", sent: item.size, file: action.file, error: null };
    case "failed":
      return item.status === "uploading" ? { ...item, status: "failed", error: action.error } : item;
    case "retry":
      return item.status === "failed" ? { ...item, status: "uploading", error: null } : item;
    default:
      return item;
  }
}

/** What the send button needs: every attachment uploaded (none pending, none failed), and their ids. */
export function readyFiles(items: TrayItem[]): { ready: boolean; files: FileDto[] } {
  const files = items.flatMap((i) => (i.status === "done" && i.file ? [i.file] : []));
  return { ready: files.length === items.length, files };
}

/** 0–100 for the progress bar. */
export function percent(item: TrayItem): number {
  return item.size === 0 ? (item.status === "done" ? 100 : 0) : Math.min(100, Math.round((item.sent / item.size) * 100));
}

/** One tray per composer: the conversation's, or a thread's. Also the key of the composer's text draft. */
export const draftKeyOf = (conversationId: number, threadRootId: number | null = null) => `${conversationId}:${threadRootId ?? ""}`;
