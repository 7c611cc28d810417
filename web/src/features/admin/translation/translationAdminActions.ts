// Calls of the admin console's Translation section (system.manage): providers, languages, provider settings.
import { request } from "../../../api/http";
import type { TranslationSettingsDto, UpdateTranslationSettingsRequest } from "../../../api/types";

export const loadTranslationSettings = () => request<TranslationSettingsDto>("GET", "/admin/translation");

export const saveTranslationSettings = (body: UpdateTranslationSettingsRequest) => request<TranslationSettingsDto>("PUT", "/admin/translation", { body });

/** Field values as typed: non-secret fields start with their value, secrets start empty (never sent back by the server). */
export type FieldValues = Record<string, Record<string, string>>;

export function initialValues(settings: TranslationSettingsDto): FieldValues {
  return Object.fromEntries(settings.providers.map((p) => [p.id, Object.fromEntries(p.fields.map((f) => [f.name, f.secret ? "" : (f.value ?? "")]))]));
}

/** Only what changed: a non-secret field that differs from the stored value, a secret that was typed. */
export function changedFields(settings: TranslationSettingsDto, values: FieldValues): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const p of settings.providers) {
    for (const f of p.fields) {
      const typed = values[p.id]?.[f.name] ?? "";
      const changed = f.secret ? typed !== "" : typed !== (f.value ?? "");
      if (changed) (out[p.id] ??= {})[f.name] = typed;
    }
  }
  return out;
}

/** Keeps the administrator's order of preference: providers enabled before stay first, newly ticked ones follow. */
export function enabledOrder(before: readonly string[], ticked: ReadonlySet<string>): string[] {
  return [...before.filter((id) => ticked.has(id)), ...[...ticked].filter((id) => !before.includes(id))];
}
