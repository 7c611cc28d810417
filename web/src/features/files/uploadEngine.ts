// One file to the server: a single multipart POST when it is small, otherwise the resumable protocol
// (docs/files.md): create, PATCH chunks at the server's offset, complete. A dropped connection or a 5xx does not
// restart the file: we ask the server how many bytes it holds (GET the upload) and continue from there, with backoff.
import { ApiError, NetworkError } from "../../api/http";
import type { FileDto, UploadDto } from "../../api/types";
import { UploadAborted } from "../../api/upload";

export interface UploadServer {
  postFile(file: Blob, name: string, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<FileDto>;
  createUpload(body: { name: string; size: number; contentType: string | null }): Promise<UploadDto>;
  uploadState(uploadId: string): Promise<UploadDto>;
  patchChunk(uploadId: string, offset: number, chunk: Blob, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<UploadDto>;
  completeUpload(uploadId: string): Promise<FileDto>;
  cancelUpload(uploadId: string): Promise<void>;
}

export interface UploadOptions {
  /** Bytes the server holds (or has received in the current request) out of the file's size. */
  onProgress: (sent: number, total: number) => void;
  signal: AbortSignal;
  /** Files up to this size go in one POST /files; the server's default chunk size (8 MiB). */
  smallFileLimit?: number;
  /** Consecutive failed attempts without any progress before giving up. */
  maxAttempts?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** An earlier attempt's upload to continue (after the user presses Retry). */
  resumeUploadId?: string | null;
  /** Told the upload's id once it exists, so a later retry can resume it. */
  onUploadId?: (uploadId: string) => void;
}

export const DEFAULT_SMALL_FILE_LIMIT = 8 * 1024 * 1024;

/** Worth another try: the network, the server being briefly unwell, or a race on the upload's offset. */
export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (!(error instanceof ApiError)) return false;
  return error.status >= 500 || error.status === 408 || error.status === 429 || error.code === "upload_offset_mismatch" || error.code === "upload_busy";
}

/** 0.5 s, 1 s, 2 s … capped at 15 s, with ±20 % jitter so many clients do not retry in step after an outage. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new UploadAborted());
    };
    // The listener goes when the timer fires: one backoff must not leave it on the upload's signal.
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export async function uploadFile(file: File, server: UploadServer, options: UploadOptions): Promise<FileDto> {
  const { signal, onProgress } = options;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 6;
  const total = file.size;

  /** Runs `step` until it succeeds; transient failures wait and retry, `recover` runs before each retry. */
  async function withRetry<T>(step: () => Promise<T>, recover?: () => Promise<void>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw new UploadAborted();
      try {
        return await step();
      } catch (error) {
        if (error instanceof UploadAborted || signal.aborted) throw new UploadAborted();
        if (!isTransient(error) || attempt + 1 >= maxAttempts) throw error;
        await sleep(backoffMs(attempt), signal);
        if (recover) {
          try {
            await recover();
          } catch (recoverError) {
            if (!isTransient(recoverError)) throw recoverError;
          }
        }
      }
    }
  }

  if (total <= (options.smallFileLimit ?? DEFAULT_SMALL_FILE_LIMIT)) {
    onProgress(0, total);
    const stored = await withRetry(() => server.postFile(file, file.name, (loaded) => onProgress(Math.min(loaded, total), total), signal));
    onProgress(total, total);
    return stored;
  }

  const upload = await startOrResume(server, file, options.resumeUploadId ?? null, withRetry);
  options.onUploadId?.(upload.uploadId);
  let offset = upload.offset;
  onProgress(offset, total);
  try {
    while (offset < total) {
      // A retry starts where the server is, not where we were: a dropped request may have stored part of its body.
      const state = await withRetry(
        () => server.patchChunk(upload.uploadId, offset, file.slice(offset, Math.min(total, offset + upload.chunkSize)), (loaded) => onProgress(Math.min(total, offset + loaded), total), signal),
        async () => {
          offset = (await server.uploadState(upload.uploadId)).offset;
          onProgress(offset, total);
        },
      );
      offset = state.offset;
      onProgress(offset, total);
    }
    return await withRetry(() => server.completeUpload(upload.uploadId));
  } catch (error) {
    // Cancelled or refused: free the server's staging bytes and the quota they hold (best effort). After only
    // transient failures the upload is kept, so the user's Retry continues from the server's offset.
    if (error instanceof UploadAborted || !isTransient(error)) await server.cancelUpload(upload.uploadId).catch(() => undefined);
    throw error;
  }
}

async function startOrResume(server: UploadServer, file: File, resumeUploadId: string | null, withRetry: <T>(step: () => Promise<T>) => Promise<T>): Promise<UploadDto> {
  if (resumeUploadId) {
    try {
      const existing = await withRetry(() => server.uploadState(resumeUploadId));
      if (existing.size === file.size) return existing;
    } catch (error) {
      // Expired or removed by the janitor (404): start again.
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
  }
  return withRetry(() => server.createUpload({ name: file.name, size: file.size, contentType: file.type || null }));
}
