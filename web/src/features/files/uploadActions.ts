// Runs the composer's uploads. Trays are kept per draft (conversation or thread) outside React, so an upload
// continues while the user looks at another conversation, and a drop on the conversation reaches its composer.
import { useSyncExternalStore } from "react";
import { ApiError, NetworkError } from "../../api/http";
import { filesApi } from "../../api/endpoints";
import type { FileDto } from "../../api/types";
import { UploadAborted, patchChunk, postFile } from "../../api/upload";
import { newClientMsgId } from "../../core";
import { Limiter } from "./limiter";
import { trayReducer, type TrayAction, type TrayItem } from "./tray";
import { uploadFile, type UploadServer } from "./uploadEngine";

const server: UploadServer = { ...filesApi, postFile, patchChunk };
/** Three at a time leaves connections for the app's own requests; the rest wait at 0 %. */
const slots = new Limiter(3);

interface Running {
  file: File;
  controller: AbortController | null;
  uploadId: string | null;
  /** An attempt is under way (waiting for a slot or sending). */
  active: boolean;
}

const trays = new Map<string, TrayItem[]>();
const running = new Map<string, Running>();
const listeners = new Set<() => void>();
const EMPTY: TrayItem[] = [];

function dispatch(draftKey: string, action: TrayAction): void {
  const before = trays.get(draftKey) ?? EMPTY;
  const after = trayReducer(before, action);
  if (after === before) return;
  if (after.length === 0) trays.delete(draftKey);
  else trays.set(draftKey, after);
  for (const listener of listeners) listener();
}

const uploading = () => [...trays.values()].some((items) => items.some((i) => i.status === "uploading"));

// Closing or reloading the tab would lose uploads in progress: let the browser ask first.
if (typeof window !== "undefined") {
  window.addEventListener("beforeunload", (e) => {
    if (uploading()) e.preventDefault();
  });
}

export function useTray(draftKey: string): TrayItem[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => trays.get(draftKey) ?? EMPTY,
  );
}

/** Adds files to a draft's tray and starts uploading them, several at once. */
export function attachFiles(draftKey: string, files: Iterable<File>): void {
  for (const file of files) {
    const key = newClientMsgId();
    running.set(key, { file, controller: null, uploadId: null, active: false });
    const previewUrl = /^image\/(png|jpeg|gif|webp)$/.test(file.type) ? URL.createObjectURL(file) : null;
    dispatch(draftKey, { type: "add", item: { key, name: file.name || "file", size: file.size, type: file.type, status: "uploading", sent: 0, file: null, error: null, previewUrl } });
    start(draftKey, key);
  }
}

function start(draftKey: string, key: string): void {
  const run = running.get(key);
  // One upload per item: a second Retry while the first attempt still runs must not start a rival on the same upload id.
  if (!run || run.active) return;
  run.active = true;
  const controller = new AbortController();
  run.controller = controller;
  slots
    .acquire(controller.signal)
    .then((release) =>
      uploadFile(run.file, server, {
        signal: controller.signal,
        resumeUploadId: run.uploadId,
        onUploadId: (id) => (run.uploadId = id),
        onProgress: (sent) => dispatch(draftKey, { type: "progress", key, sent }),
      }).finally(release),
    )
    .finally(() => (run.active = false))
    .then(
      (stored) => dispatch(draftKey, { type: "done", key, file: stored }),
      (error: unknown) => {
        if (error instanceof UploadAborted) return;
        dispatch(draftKey, { type: "failed", key, error: errorCode(error) });
      },
    );
}

function errorCode(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  if (error instanceof NetworkError) return "network";
  return "unknown";
}

export function retryAttachment(draftKey: string, key: string): void {
  if (running.get(key)?.active) return;
  dispatch(draftKey, { type: "retry", key });
  start(draftKey, key);
}

/** Cancels the upload if it is still running (the server discards its bytes) and drops it from the tray. */
export function removeAttachment(draftKey: string, key: string): void {
  const item = trays.get(draftKey)?.find((i) => i.key === key);
  running.get(key)?.controller?.abort();
  running.delete(key);
  if (item?.previewUrl) URL.revokeObjectURL(item.previewUrl);
  dispatch(draftKey, { type: "remove", key });
}

/** Empties the tray once its files are handed to a message. */
export function clearTray(draftKey: string): FileDto[] {
  const items = trays.get(draftKey) ?? EMPTY;
  for (const item of items) {
    running.delete(item.key);
    if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
  }
  trays.delete(draftKey);
  for (const listener of listeners) listener();
  return items.flatMap((i) => (i.file ? [i.file] : []));
}

/** A new session starts with no trays and no uploads of the previous user's. */
export function abortAllUploads(): void {
  for (const run of running.values()) run.controller?.abort();
  running.clear();
  for (const key of [...trays.keys()]) clearTray(key);
}
