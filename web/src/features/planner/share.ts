// Shareable links: the inputs, deflated and base64url-encoded, in the URL hash (#/planner?s=…).
// "z" + data = deflate-raw; "j" + data = plain UTF-8 (where CompressionStream is missing).
import type { Scenario } from "./types";
import type { PlannerForm } from "./scenario";

export interface SharePayload {
  v: 1;
  /** Guided mode: the form (the template is the sample for its currency). */
  form?: PlannerForm;
  /** Advanced mode: the full scenario as edited. */
  scenario?: Scenario;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

const canCompress = () => typeof CompressionStream === "function" && typeof DecompressionStream === "function";

export async function encodeShare(payload: SharePayload): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  if (!canCompress()) return "j" + toBase64Url(bytes);
  return "z" + toBase64Url(await pipe(bytes, new CompressionStream("deflate-raw")));
}

/** The payload of a share string, or null when it is damaged or not ours. */
export async function decodeShare(text: string): Promise<SharePayload | null> {
  try {
    const kind = text[0];
    let bytes = fromBase64Url(text.slice(1));
    if (kind === "z") {
      if (!canCompress()) return null;
      bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
    } else if (kind !== "j") return null;
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof value !== "object" || value === null) return null;
    const payload = value as SharePayload;
    if (payload.v !== 1) return null;
    const isObj = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
    if (payload.form !== undefined && !isObj(payload.form)) return null;
    if (payload.scenario !== undefined && !isObj(payload.scenario)) return null;
    if (!payload.form && !payload.scenario) return null;
    return payload;
  } catch {
    return null;
  }
}

export const plannerHash = (share?: string) => (share ? `/planner?s=${share}` : "/planner");

/** The full link to share: this page's address with the inputs in the hash. */
export function shareUrl(share: string, location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}#${plannerHash(share)}`;
}
