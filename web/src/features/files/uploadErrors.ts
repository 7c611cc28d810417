// The server's stable upload error codes (docs/files.md) → the i18n key of a sentence the user can act on.
const KNOWN = new Set(["file_too_large", "quota_exceeded", "file_type_blocked", "image_too_large", "unsupported_media_type", "network", "rate_limited"]);

export function uploadErrorKey(code: string | null): string {
  if (code === "payload_too_large") return "files.errors.file_too_large";
  return `files.errors.${code && KNOWN.has(code) ? code : "generic"}`;
}
