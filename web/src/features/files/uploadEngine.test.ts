import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../../api/http";
import type { FileDto, UploadDto } from "../../api/types";
import { UploadAborted } from "../../api/upload";
import { backoffMs, isTransient, uploadFile, type UploadServer } from "./uploadEngine";

/** An in-memory server that follows the resumable protocol of docs/files.md, with failures on demand. */
class FakeServer implements UploadServer {
  stored: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  size = 0;
  chunkSize = 4;
  uploads = 0;
  patches: number[] = [];
  stateCalls = 0;
  cancelled: string[] = [];
  posts = 0;
  /** The next PATCH keeps this many bytes of its body, then the connection "drops". */
  dropNextPatchAfter: number | null = null;
  failPosts = 0;
  refuseWith: ApiError | null = null;
  onPatch: (() => void) | null = null;

  private dto(): UploadDto {
    return { uploadId: `u${this.uploads}`, name: "big.bin", size: this.size, offset: this.stored.length, chunkSize: this.chunkSize, expiresAt: "" };
  }

  private file(name: string, size: number): FileDto {
    return { id: 42, name, size, contentType: "application/octet-stream", width: null, height: null, hasThumbnail: false, uploaderId: 1, conversationId: null, messageId: null, createdAt: "" };
  }

  async postFile(file: Blob, name: string, onProgress: (loaded: number) => void): Promise<FileDto> {
    this.posts++;
    if (this.refuseWith) throw this.refuseWith;
    if (this.failPosts-- > 0) throw new NetworkError("reset");
    onProgress(file.size);
    this.stored = new Uint8Array(await file.arrayBuffer());
    return this.file(name, file.size);
  }

  async createUpload(body: { name: string; size: number }): Promise<UploadDto> {
    if (this.refuseWith) throw this.refuseWith;
    this.uploads++;
    this.size = body.size;
    this.stored = new Uint8Array(0);
    return this.dto();
  }

  async uploadState(uploadId: string): Promise<UploadDto> {
    this.stateCalls++;
    if (uploadId !== `u${this.uploads}` || this.cancelled.includes(uploadId)) throw new ApiError(404, "not_found", "gone");
    return this.dto();
  }

  async patchChunk(_id: string, offset: number, chunk: Blob, onProgress: (loaded: number) => void): Promise<UploadDto> {
    this.patches.push(offset);
    this.onPatch?.();
    if (offset !== this.stored.length) throw new ApiError(409, "upload_offset_mismatch", `offset is ${this.stored.length}`);
    if (chunk.size > this.chunkSize) throw new ApiError(413, "file_too_large", "chunk too big");
    const body = new Uint8Array(await chunk.arrayBuffer());
    const keep = this.dropNextPatchAfter === null ? body.length : Math.min(this.dropNextPatchAfter, body.length);
    this.stored = concat(this.stored, body.subarray(0, keep));
    onProgress(keep);
    if (this.dropNextPatchAfter !== null) {
      this.dropNextPatchAfter = null;
      throw new NetworkError("connection reset mid-chunk");
    }
    return this.dto();
  }

  async completeUpload(): Promise<FileDto> {
    if (this.stored.length !== this.size) throw new ApiError(409, "upload_incomplete", "not yet");
    return this.file("big.bin", this.size);
  }

  async cancelUpload(uploadId: string): Promise<void> {
    this.cancelled.push(uploadId);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251);
const fileOf = (n: number, name = "big.bin") => new File([bytes(n)], name, { type: "application/octet-stream" });
const noSleep = async () => undefined;

function run(server: FakeServer, file: File, extra: Partial<Parameters<typeof uploadFile>[2]> = {}) {
  const progress: number[] = [];
  const controller = new AbortController();
  const promise = uploadFile(file, server, { onProgress: (sent) => progress.push(sent), signal: controller.signal, smallFileLimit: 8, sleep: noSleep, ...extra });
  return { promise, progress, controller };
}

describe("uploadFile", () => {
  it("smallFile_IsOneMultipartPost", async () => {
    const server = new FakeServer();
    const { promise, progress } = run(server, fileOf(5, "small.txt"));
    expect((await promise).name).toBe("small.txt");
    expect(server.posts).toBe(1);
    expect(server.uploads).toBe(0);
    expect(progress.at(-1)).toBe(5);
  });

  it("largeFile_GoesInChunksOfTheServersChunkSize", async () => {
    const server = new FakeServer();
    const { promise, progress } = run(server, fileOf(10));
    const stored = await promise;
    expect(stored.size).toBe(10);
    expect(server.patches).toEqual([0, 4, 8]);
    expect(server.stored).toEqual(bytes(10));
    expect(progress.at(-1)).toBe(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // never goes backwards here
  });

  it("connectionDropsMidChunk_ResumesFromTheServersOffset", async () => {
    const server = new FakeServer();
    server.dropNextPatchAfter = 3; // the first chunk's first 3 bytes arrive, then the connection resets
    const { promise } = run(server, fileOf(10));
    await promise;
    expect(server.stateCalls).toBe(1); // asked the server where to continue …
    expect(server.patches).toEqual([0, 3, 7]); // … and continued from byte 3, not from 0 or 4
    expect(server.stored).toEqual(bytes(10)); // every byte exactly once, in order
  });

  it("retry_ResumesThePreviousUpload_InsteadOfStartingAgain", async () => {
    const server = new FakeServer();
    let uploadId: string | null = null;
    server.onPatch = () => {
      if (server.patches.length === 2) throw new NetworkError("offline");
    };
    const first = run(server, fileOf(10), { maxAttempts: 1, onUploadId: (id) => (uploadId = id) });
    await expect(first.promise).rejects.toBeInstanceOf(NetworkError);
    expect(server.cancelled).toEqual([]); // a transient failure keeps the server's bytes
    server.onPatch = null;
    const second = run(server, fileOf(10), { resumeUploadId: uploadId });
    await second.promise;
    expect(server.uploads).toBe(1);
    expect(server.patches).toEqual([0, 4, 4, 8]);
    expect(server.stored).toEqual(bytes(10));
  });

  it("smallFile_NetworkErrors_RetryWithBackoff", async () => {
    const server = new FakeServer();
    server.failPosts = 2;
    const waits: number[] = [];
    const { promise } = run(server, fileOf(5), { sleep: async (ms) => void waits.push(ms) });
    await promise;
    expect(server.posts).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
  });

  it("refusal_IsNotRetried_AndReportsTheServersCode", async () => {
    const server = new FakeServer();
    server.refuseWith = new ApiError(413, "quota_exceeded", "full");
    const { promise } = run(server, fileOf(10));
    await expect(promise).rejects.toMatchObject({ code: "quota_exceeded" });
    expect(server.uploads).toBe(0);
  });

  it("cancel_AbortsAndDeletesTheServersUpload", async () => {
    const server = new FakeServer();
    const progress: number[] = [];
    const controller = new AbortController();
    server.onPatch = () => {
      if (server.patches.length === 2) controller.abort();
    };
    const promise = uploadFile(fileOf(12), server, { onProgress: (s) => progress.push(s), signal: controller.signal, smallFileLimit: 8, sleep: noSleep });
    await expect(promise).rejects.toBeInstanceOf(UploadAborted);
    expect(server.cancelled).toEqual(["u1"]);
    expect(server.patches.length).toBeLessThan(4);
  });

  it("givesUp_AfterMaxAttemptsWithoutProgress", async () => {
    const server = new FakeServer();
    server.onPatch = () => {
      throw new ApiError(503, "service_unavailable", "down");
    };
    const { promise } = run(server, fileOf(10), { maxAttempts: 3 });
    await expect(promise).rejects.toMatchObject({ code: "service_unavailable" });
    expect(server.patches).toHaveLength(3);
  });
});

describe("isTransient / backoffMs", () => {
  it("classifiesErrors", () => {
    expect(isTransient(new NetworkError("x"))).toBe(true);
    expect(isTransient(new ApiError(502, "http_502", ""))).toBe(true);
    expect(isTransient(new ApiError(409, "upload_busy", ""))).toBe(true);
    expect(isTransient(new ApiError(413, "file_too_large", ""))).toBe(false);
    expect(isTransient(new ApiError(415, "file_type_blocked", ""))).toBe(false);
    expect(isTransient(new Error("bug"))).toBe(false);
  });

  it("growsAndIsCapped", () => {
    expect(backoffMs(0, () => 0.5)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(4000);
    expect(backoffMs(20, () => 1)).toBe(18_000);
  });
});
