// Calls of the admin console's Retention section (policies, the purge, legal holds; compliance permissions).
import { request } from "../../../api/http";
import { directoryApi } from "../../../api/endpoints";
import type { components } from "../../../api/schema.gen";

type Schemas = components["schemas"];
export type RetentionPolicy = Schemas["RetentionPolicyDto"];
export type RetentionState = Schemas["RetentionStateDto"];
export type RetentionRun = Schemas["RetentionRunDto"];
export type LegalHold = Schemas["LegalHoldDto"];
export type HoldTarget = "user" | "conversation";

/** The wide scopes, always shown; conversation scopes ("conversation:<id>") are listed when they have a policy. */
export const wideScopes = ["global", "kind:direct", "kind:group", "kind:channel"] as const;

export const loadRetention = () => request<RetentionState>("GET", "/compliance/retention");

/** days: a number of days, or null to keep forever. */
export const setPolicy = (scope: string, days: number | null) =>
  request<RetentionPolicy>("PUT", `/compliance/retention/${encodeURIComponent(scope)}`, { body: { days } });

export const removePolicy = (scope: string) => request<void>("DELETE", `/compliance/retention/${encodeURIComponent(scope)}`);

export const runPurge = () => request<RetentionRun>("POST", "/compliance/retention/run");

export const listHolds = async () => (await request<{ items: LegalHold[] }>("GET", "/compliance/holds")).items;

export const placeHold = (targetType: HoldTarget, targetId: number, reason: string) =>
  request<LegalHold>("POST", "/compliance/holds", { body: { targetType, targetId, reason } });

export const releaseHold = (id: number) => request<LegalHold>("POST", `/compliance/holds/${id}/release`);

/** A user's id from the exact username, through the directory search every signed-in user may use; null when none. */
export async function userIdByUsername(username: string): Promise<number | null> {
  const wanted = username.trim().toLowerCase();
  const hits = (await directoryApi.search(wanted)).items;
  return hits.find((h) => h.username.toLowerCase() === wanted)?.id ?? null;
}

/** Parses the days field: a whole number 1–36500, or null when it is not one. */
export function parseDays(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= 36500 ? n : null;
}
