// Slash commands in the composer: which texts run a command (the server reads them the same way, see
// SlashCommandLine.cs) and which commands the "/" list offers for what has been typed so far.
import type { SlashCommandDto } from "../../api/types";

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
