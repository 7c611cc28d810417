// Upload requests with progress: fetch cannot report upload progress in today's browsers (streaming request
// bodies need HTTP/2 and give no byte count), so file bodies go through XMLHttpRequest; everything else uses http.ts.
import { API_BASE, NetworkError, getToken, problemFromText, reportStatus } from "./http";
import type { FileDto, UploadDto } from "./types";

export class UploadAborted extends Error {
  constructor() {
    super("upload cancelled");
    this.name = "UploadAborted";
  }
}

interface XhrRequest {
  method: string;
  path: string;
  body: Blob | FormData;
  headers?: Record<string, string>;
  onProgress?: (loaded: number) => void;
  signal?: AbortSignal;
}

function send<T>(req: XhrRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(new UploadAborted());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(req.method, API_BASE + req.path);
    xhr.setRequestHeader("Accept", "application/json");
    const token = getToken();
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    for (const [name, value] of Object.entries(req.headers ?? {})) xhr.setRequestHeader(name, value);
    const onAbort = () => xhr.abort();
    req.signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => req.signal?.removeEventListener("abort", onAbort);
    xhr.upload.onprogress = (e) => req.onProgress?.(e.loaded);
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        return;
      }
      reportStatus(xhr.status);
      reject(problemFromText(xhr.status, xhr.responseText, xhr.statusText));
    };
    xhr.onerror = () => {
      done();
      reject(new NetworkError("the upload connection failed"));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      done();
      reject(new UploadAborted());
    };
    xhr.send(req.body);
  });
}

/** POST /files: the whole file in one multipart request. */
export function postFile(file: Blob, name: string, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<FileDto> {
  const form = new FormData();
  form.append("file", file, name);
  return send<FileDto>({ method: "POST", path: "/files", body: form, onProgress, signal });
}

/** PATCH /uploads/{id}: one chunk at the server's offset. */
export function patchChunk(uploadId: string, offset: number, chunk: Blob, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<UploadDto> {
  return send<UploadDto>({
    method: "PATCH",
    path: `/uploads/${encodeURIComponent(uploadId)}`,
    body: chunk,
    headers: { "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" },
    onProgress,
    signal,
  });
}
