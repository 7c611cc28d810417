// Skills (issue 18, routing by skill): tags on agents (per queue) and required by widgets. Typed as one line —
// commas (also Chinese ones), semicolons or spaces between — and shown as tags. The server has the last word on what
// a skill may be (service_skill_invalid); it compares them case-insensitively, so the list is lower-cased here too.

/** The skills in what was typed: split, trimmed, lower-cased, each once, in the order given. */
export function parseSkills(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,，、;；]+/u)) {
    const skill = part.trim().toLowerCase();
    if (skill) seen.add(skill);
  }
  return [...seen];
}

/** The skills as the one-line field shows them. */
export const formatSkills = (skills: readonly string[] | null | undefined): string => (skills ?? []).join(", ");

/** Whether an agent's skills cover every skill a conversation requires (the router's rule, for the workspace's hints). */
export function coversSkills(agent: readonly string[], required: readonly string[]): boolean {
  const has = new Set(agent.map((s) => s.toLowerCase()));
  return required.every((s) => has.has(s.toLowerCase()));
}
