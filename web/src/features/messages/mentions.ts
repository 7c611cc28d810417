// @mention autocomplete: what is being typed after "@" at the caret, and the text once a name is chosen.

export interface MentionQuery {
  /** Index of the "@". */
  start: number;
  query: string;
}

export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\w.-]{0,32})$/.exec(before);
  if (!match) return null;
  return { start: before.length - (match[2]?.length ?? 0) - 1, query: match[2] ?? "" };
}

export function applyMention(text: string, caret: number, mention: MentionQuery, username: string): { text: string; caret: number } {
  const inserted = `@${username} `;
  const next = text.slice(0, mention.start) + inserted + text.slice(caret);
  return { text: next, caret: mention.start + inserted.length };
}

export interface MentionCandidate {
  username: string;
  displayName: string;
  /** A member (for the avatar); absent for @all. */
  userId?: number;
  avatarUrl?: string | null;
}

export function filterCandidates(candidates: MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = query.toLowerCase();
  return candidates.filter((c) => c.username.toLowerCase().startsWith(q) || c.displayName.toLowerCase().includes(q)).slice(0, limit);
}
