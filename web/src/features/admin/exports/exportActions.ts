// Calls of the admin console's Exports section (e-discovery exports; compliance.read).
import { request, requestBlob } from "../../../api/http";
import type { components } from "../../../api/schema.gen";
import { saveFile } from "../saveFile";
import { userIdByUsername } from "../retention/retentionActions";

export type ComplianceExport = components["schemas"]["ComplianceExportDto"];

export const listExports = async () => (await request<{ items: ComplianceExport[] }>("GET", "/compliance/exports")).items;

export interface ExportForm {
  from: string; // yyyy-mm-dd, local day
  to: string; // yyyy-mm-dd, inclusive local day
  usernames: string; // comma or space separated; empty: everyone
  conversationIds: string; // comma or space separated numbers; empty: every conversation
  language: "en" | "zh-CN";
}

/** Splits a list typed by hand: commas, Chinese commas, spaces or new lines. */
export function splitList(text: string): string[] {
  return text.split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean);
}

/** The request for a form: local days become [start of from, start of the day after to). Null with the field at fault. */
export function toRange(from: string, to: string): { from: string; to: string } | null {
  const start = new Date(`${from}T00:00:00`);
  const end = new Date(`${to}T00:00:00`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) return null;
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

export async function createExport(form: ExportForm): Promise<ComplianceExport> {
  const range = toRange(form.from, form.to);
  if (!range) throw new Error("range");
  const names = splitList(form.usernames);
  const userIds: number[] = [];
  for (const name of names) {
    const id = await userIdByUsername(name);
    if (id == null) throw Object.assign(new Error("user"), { username: name });
    userIds.push(id);
  }
  const ids = splitList(form.conversationIds).map(Number);
  if (ids.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error("conversation");
  return request<ComplianceExport>("POST", "/compliance/exports", {
    body: { ...range, userIds: userIds.length ? userIds : null, conversationIds: ids.length ? ids : null, language: form.language },
  });
}

export async function downloadExport(id: number): Promise<void> {
  saveFile(`parley-export-${id}.zip`, await requestBlob(`/compliance/exports/${id}/download`));
}
