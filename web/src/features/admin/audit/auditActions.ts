import { adminApi, usersApi, type AuditFilters } from "../../../api/endpoints";
import { requestBlob } from "../../../api/http";
import type { AuditPage } from "../../../api/types";

export interface AuditForm {
  action: string;
  actor: string;
  from: string;
  to: string;
}

/** The form's filters for the API: an actor is given by username (exact), dates as local days. */
export async function toFilters(form: AuditForm): Promise<AuditFilters | null> {
  const filters: AuditFilters = {};
  if (form.action.trim()) filters.action = form.action.trim();
  if (form.actor.trim()) {
    const name = form.actor.trim().toLowerCase();
    const match = (await usersApi.search(name, 20, true)).items.find((u) => u.username.toLowerCase() === name);
    if (!match) return null; // nobody by that name: nothing can match
    filters.actorId = match.id;
  }
  if (form.from) filters.from = new Date(`${form.from}T00:00:00`).toISOString();
  if (form.to) filters.to = new Date(`${form.to}T23:59:59.999`).toISOString();
  return filters;
}

export const auditPage = (filters: AuditFilters, before?: number): Promise<AuditPage> => adminApi.audit({ ...filters, before, limit: 50 });

export async function downloadCsv(filters: AuditFilters): Promise<void> {
  const blob = await requestBlob("/audit/export.csv", { ...filters });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `parley-audit-${new Date().toISOString().slice(0, 10)}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Common actions for the filter's suggestions; any dotted name or prefix (auth.*) can be typed. */
export const KNOWN_ACTIONS = [
  "auth.*",
  "auth.login",
  "auth.login_failed",
  "user.*",
  "user.created",
  "user.deactivated",
  "user.activated",
  "user.role_changed",
  "user.password_reset",
  "user.password_changed",
  "user.totp_enabled",
  "user.totp_disabled",
  "user.recovery_code_used",
  "session.revoked",
  "settings.changed",
  "department.*",
  "conversation.*",
  "audit.exported",
  "content.flagged",
];
