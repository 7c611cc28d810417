// Calls of the admin console's content sections (sensitive-word rules and the review queue; compliance permissions).
import { request } from "../../../api/http";
import type { components } from "../../../api/schema.gen";

type Schemas = components["schemas"];
export type ModerationAction = "block" | "mask" | "flag";
export type ModerationRule = Schemas["ModerationRuleDto"];
export type ModerationTestResult = Schemas["ModerationTestResult"];
export type ModerationFlag = Schemas["ModerationFlagDto"];
export type ImportResult = Schemas["ImportModerationRulesResult"];

export const moderationActions: readonly ModerationAction[] = ["block", "mask", "flag"];

export const listRules = async () => (await request<{ items: ModerationRule[] }>("GET", "/moderation/rules")).items;

export type ModerationScope = "all" | "conversations" | "external";
export const moderationScopes: readonly ModerationScope[] = ["all", "conversations", "external"];
export type ModerationExemptions = Schemas["ModerationExemptionsDto"];

/** Optional parts of a new rule beside its pattern and action. */
export interface RuleOptions {
  scope?: ModerationScope;
  conversationIds?: number[];
  exemptUserIds?: number[];
  exemptConversationIds?: number[];
  pinyin?: boolean;
}

export const addRule = (pattern: string, action: ModerationAction, options: RuleOptions = {}) =>
  request<ModerationRule>("POST", "/moderation/rules", { body: { pattern, action, ...options } });

export const getExemptions = () => request<ModerationExemptions>("GET", "/moderation/exemptions");

export const setExemptions = (userIds: number[], conversationIds: number[]) =>
  request<ModerationExemptions>("PUT", "/moderation/exemptions", { body: { userIds, conversationIds } });

/** "12, 15 7" → [12, 15, 7]; anything that is not a positive whole number is dropped. */
export function parseIds(text: string): number[] {
  return [...new Set(text.split(/[\s,，、]+/).map((s) => Number(s)).filter((n) => Number.isInteger(n) && n > 0))];
}

export const deleteRule = (id: number) => request<void>("DELETE", `/moderation/rules/${id}`);

export const importRules = (text: string, action: ModerationAction) =>
  request<ImportResult>("POST", "/moderation/rules/import", { body: { text, action } });

export const testText = (text: string) => request<ModerationTestResult>("POST", "/moderation/test", { body: { text } });

export const listFlags = async (open: boolean) =>
  (await request<{ items: ModerationFlag[] }>("GET", "/moderation/flags", { query: { open: open ? "true" : undefined, limit: 100 } })).items;

export const reviewFlag = (id: number, decision: "dismiss" | "remove") =>
  request<void>("POST", `/moderation/flags/${id}/review`, { body: { decision } });

/** The patterns of one action as a word list (one per line), the format the import takes. */
export function wordList(rules: readonly ModerationRule[], action: ModerationAction): string {
  return [...new Set(rules.filter((r) => r.action === action).map((r) => r.pattern))].map((p) => `${p}\n`).join("");
}
