// The agent workspace's pure parts: who sees it, how waiting lists are ordered, how durations read.
import type { ServiceConversationDto } from "../../api/types";
import type { UserDto } from "../../api/types";

type Me = Pick<UserDto, "permissions"> | null | undefined;

/** Agents (service.agent) and the people who set customer service up (service.manage). */
export const canUseService = (me: Me) => (me?.permissions ?? []).some((p) => p === "service.agent" || p === "service.manage");
/** The supervisor tab: the managers. */
export const canSupervise = (me: Me) => (me?.permissions ?? []).includes("service.manage");

/** Seconds a conversation has waited (since it entered the queue; its creation when the server gave no time). */
export function waitedSeconds(conversation: Pick<ServiceConversationDto, "waitingSince" | "createdAt">, now: number): number {
  const since = Date.parse(conversation.waitingSince ?? conversation.createdAt);
  return Number.isFinite(since) ? Math.max(0, Math.floor((now - since) / 1000)) : 0;
}

/** A duration as an i18n key under "service." and its count: 45 s, 3 min, 2 h. */
export function durationParts(seconds: number): { key: "service.seconds" | "service.minutes" | "service.hours"; count: number } {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return { key: "service.seconds", count: s };
  if (s < 3600) return { key: "service.minutes", count: Math.floor(s / 60) };
  return { key: "service.hours", count: Math.floor(s / 3600) };
}

/** Waiting conversations: those offered to me first, then the longest waiting. */
export function orderWaiting(items: readonly ServiceConversationDto[], me: number): ServiceConversationDto[] {
  const since = (c: ServiceConversationDto) => Date.parse(c.waitingSince ?? c.createdAt) || 0;
  return [...items].sort((a, b) => Number(b.offeredTo === me) - Number(a.offeredTo === me) || since(a) - since(b));
}

/** The agents a conversation can be transferred to: the queue's others, those with room first. */
export function transferTargets<A extends { userId: number; capacity: number; open: number; online: boolean }>(agents: readonly A[], me: number): A[] {
  return agents
    .filter((a) => a.userId !== me)
    .sort((a, b) => Number(b.online) - Number(a.online) || Number(b.capacity > b.open) - Number(a.capacity > a.open));
}

/**
 * Canned replies for what the agent typed: "/ref" or "ref" matches shortcuts starting with it first, then replies
 * whose shortcut or text contains it; an empty query lists them all (by shortcut).
 */
export function matchCanned<R extends { shortcut: string; text: string }>(replies: readonly R[], query: string): R[] {
  const q = query.trim().replace(/^\//, "").toLowerCase();
  const sorted = [...replies].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
  if (!q) return sorted;
  const starts = sorted.filter((r) => r.shortcut.toLowerCase().startsWith(q));
  const contains = sorted.filter((r) => !starts.includes(r) && (r.shortcut.toLowerCase().includes(q) || r.text.toLowerCase().includes(q)));
  return [...starts, ...contains];
}
