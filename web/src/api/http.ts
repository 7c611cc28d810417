// The one place that talks HTTP to the server: bearer token, JSON, RFC 9457 problem details.
import { takePrefetched } from "./prefetch";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The whole problem document, for members beyond code and detail (e.g. the visitor challenge of a 428). */
  readonly problem: Readonly<Record<string, unknown>>;
  constructor(status: number, code: string, message: string, problem: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.problem = problem;
  }
}

/** Thrown when the request never got an HTTP answer (offline, server down). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkError";
  }
}

let token: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setToken(value: string | null): void {
  token = value;
}

export function getToken(): string | null {
  return token;
}

export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** Codes with which the server refuses every call until the account does something first (AccountRestrictions). */
const RESTRICTION_CODES = new Set(["password_change_required", "totp_enrollment_required"]);
let onRestricted: ((code: string) => void) | null = null;

/** Called when a call is refused because the account must change its password or enrol a second factor first. */
export function setRestrictedHandler(handler: ((code: string) => void) | null): void {
  onRestricted = handler;
}

export const API_BASE = "/api/v1";

type Query = Record<string, string | number | undefined | null>;

function buildUrl(path: string, query?: Query): string {
  const url = API_BASE + path;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}

interface ProblemBody {
  code?: string;
  title?: string;
  detail?: string;
}

/** A non-2xx answer as an ApiError: the problem details' stable code, or http_<status> when the body is not JSON. */
export function problemFromText(status: number, text: string, statusText: string): ApiError {
  let body: ProblemBody = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") body = parsed as ProblemBody;
  } catch {
    // Not JSON (a proxy error page): fall back to the status line.
  }
  const code = body.code ?? `http_${status}`;
  return new ApiError(status, code, body.detail ?? body.title ?? statusText, body as Record<string, unknown>);
}

async function readProblem(response: Response): Promise<ApiError> {
  return problemFromText(response.status, await response.text().catch(() => ""), response.statusText);
}

/** A 401 while signed in means the session ended elsewhere: tell the app once, whatever transport saw it. */
export function reportStatus(status: number): void {
  if (status === 401 && token && onUnauthenticated) onUnauthenticated();
}

/** One authenticated call: a NetworkError without an answer, an ApiError (and the 401 report) for a non-2xx one. */
async function send(method: string, path: string, options: { query?: Query; body?: unknown; accept?: string; keepalive?: boolean }): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const url = buildUrl(path, options.query);
  let response: Response | null = method === "GET" ? await takePrefetched(url, token) : null;
  try {
    response ??= await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      // A request that must outlive the page (a draft saved while the tab closes).
      keepalive: options.keepalive,
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    reportStatus(response.status);
    if (response.status === 403 && RESTRICTION_CODES.has(problem.code) && token) onRestricted?.(problem.code);
    throw problem;
  }
  return response;
}

export async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown; keepalive?: boolean } = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** GET an authenticated download (a CSV export) as a Blob. */
export async function requestBlob(path: string, query?: Query): Promise<Blob> {
  return (await send("GET", path, { query, accept: "*/*" })).blob();
}

/**
 * GET the start of a file as text through a signed link (no bearer needed). Only `limit` bytes are asked for
 * (a Range request), so previewing a huge log does not download all of it.
 */
export async function fetchText(url: string, limit: number): Promise<{ text: string; truncated: boolean }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Range: `bytes=0-${limit - 1}` } });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await readProblem(response);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const total = Number(response.headers.get("Content-Range")?.split("/")[1] ?? bytes.length);
  const slice = bytes.length > limit ? bytes.subarray(0, limit) : bytes;
  return { text: new TextDecoder("utf-8").decode(slice), truncated: total > slice.length };
}

/** An authenticated request whose body or answer is not JSON (a multipart upload, an image): the raw response. */
export async function requestRaw(method: string, path: string, body?: FormData | Blob): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { method, headers, body });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    reportStatus(response.status);
    throw problem;
  }
  return response;
}
