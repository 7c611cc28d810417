// Calls of personal data (PIPL/GDPR): a user's own export from the settings dialog; exports of a user's data and
// erasure from the admin console (compliance.manage; erasure also users.manage). The server authorizes every call.
import { request, requestBlob } from "../../api/http";
import type { components } from "../../api/schema.gen";
import { saveFile } from "../admin/saveFile";

export type PersonalExport = components["schemas"]["PersonalDataExportDto"];
export type ErasureResult = components["schemas"]["UserErasureDto"];

/** The personal data exports the caller asked for (their own, and as an officer those of others), newest first. */
export const listPersonalExports = async () => (await request<{ items: PersonalExport[] }>("GET", "/users/me/data-export")).items;

export const requestOwnExport = () => request<PersonalExport>("POST", "/users/me/data-export");

export const requestUserExport = (userId: number) => request<PersonalExport>("POST", `/compliance/users/${userId}/data-export`);

export const eraseUser = (userId: number, dryRun: boolean) => request<ErasureResult>("POST", `/compliance/users/${userId}/erasure`, { body: { dryRun } });

export async function downloadPersonalExport(x: Pick<PersonalExport, "id" | "subjectUsername">): Promise<void> {
  saveFile(`parley-personal-data-${x.subjectUsername ?? "user"}-${x.id}.zip`, await requestBlob(`/users/me/data-export/${x.id}/download`));
}

/** Whether any export in the list is still being written (the list then looks again every two seconds). */
export const anyBusy = (exports: readonly Pick<PersonalExport, "status">[] | null) =>
  exports?.some((x) => x.status === "queued" || x.status === "running") ?? false;

/** The erasure may go ahead only when the typed text is the user's username exactly (not just the same letters in another case). */
export const confirmed = (typed: string, username: string) => typed.trim() === username && username.length > 0;

export function sizeText(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}
