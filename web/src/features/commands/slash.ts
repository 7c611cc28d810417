// Slash commands in the composer: which texts run a command (the server reads them the same way, see
// SlashCommandLine.cs) and which commands the "/" list offers for what has been typed so far.
import type { SlashCommandDto } from "../../api/types";
import { matchCanned } from "../service/serviceView";

const commandLine = /^\/[A-Za-z][A-Za-z0-9_-]{0,31}(\s|$)/;

/** The text runs a command instead of being sent ("/usr/bin is a path" does not: "/usr" is followed by "/"). */
export const isCommandText = (text: string): boolean => commandLine.test(text.trim());

/** What follows "/" while the command's name is still being typed (no space yet), or null. */
export function commandQuery(text: string): string | null {
  const m = /^\/([A-Za-z0-9_-]{0,32})$/.exec(text);
  return m ? m[1]!.toLowerCase() : null;
}

/** Commands whose name starts with the query, then those that contain it. */
export function filterCommands(all: readonly SlashCommandDto[], query: string): SlashCommandDto[] {
  const name = (c: SlashCommandDto) => c.command.slice(1).toLowerCase();
  return [...all.filter((c) => name(c).startsWith(query)), ...all.filter((c) => !name(c).startsWith(query) && name(c).includes(query))];
}

/** A canned reply as the composer needs it (features/service: an agent's shortcut for a stock answer). */
export interface CannedReply {
  id: number;
  shortcut: string;
  text: string;
}

/**
 * One entry of the composer's "/" list: a command, or — in a service conversation, for its agent — a canned reply,
 * which inserts its text instead of running anything.
 */
export type SlashSuggestion = { kind: "command"; key: string; command: SlashCommandDto } | { kind: "canned"; key: string; reply: CannedReply };

/** The most canned replies the list shows at once (a team may keep hundreds). */
export const maxCannedSuggestions = 8;

/**
 * What the "/" list offers for the composer's text: canned replies first (prefix matches of their shortcut, then
 * shortcuts or texts containing the query), then commands. Shortcuts may be in any script ("/退款"), so the query is
 * letters, digits, '-' and '_' of any script; commands match only ASCII names anyway.
 */
export function slashSuggestions(text: string, commands: readonly SlashCommandDto[], canned: readonly CannedReply[]): SlashSuggestion[] {
  const m = /^\/([\p{L}\p{N}_-]{0,32})$/u.exec(text);
  if (!m) return [];
  const query = m[1]!.toLowerCase();
  const replies: SlashSuggestion[] = matchCanned(canned, query)
    .slice(0, maxCannedSuggestions)
    .map((reply) => ({ kind: "canned", key: `canned:${reply.id}`, reply }));
  const ascii = commandQuery(text);
  const found: SlashSuggestion[] = ascii === null ? [] : filterCommands(commands, ascii).map((command) => ({ kind: "command", key: command.command, command }));
  return [...replies, ...found];
}
