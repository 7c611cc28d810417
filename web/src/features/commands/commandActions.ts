// Slash commands: the list the composer offers (loaded once per session) and running one.
import { slashCommandsApi } from "../../api/endpoints";
import type { SlashCommandDto } from "../../api/types";
import { addNote } from "./ephemeral";

let commands: Promise<SlashCommandDto[]> | null = null;

export function loadCommands(): Promise<SlashCommandDto[]> {
  commands ??= slashCommandsApi.list().then(
    (r) => r.items,
    (err: unknown) => {
      commands = null; // try again next time
      throw err;
    },
  );
  return commands;
}

/** Runs the text as a command; an ephemeral reply is shown to this user only (an in_channel one arrives as a message). */
export async function runCommand(conversationId: number, text: string): Promise<void> {
  const result = await slashCommandsApi.run(conversationId, text);
  if (result.text && result.responseType === "ephemeral") addNote(conversationId, { command: result.command, text: result.text, key: result.key, args: result.args });
}
