// Admin console → Bots: the calls its section makes.
import { botsApi, slashCommandsApi } from "../../../api/endpoints";
import type { BotDto, BotTokenDto, CreatedSlashCommandDto, SlashCommandDto } from "../../../api/types";

export const loadBots = async (): Promise<BotDto[]> => (await botsApi.list()).items;
export const createBot = (username: string, displayName: string | null, scopes: string[]): Promise<BotTokenDto> => botsApi.create({ username, displayName, scopes });
export const rotateBotToken = (id: number): Promise<BotTokenDto> => botsApi.rotate(id);
export const setBotActive = (id: number, active: boolean): Promise<BotDto> => (active ? botsApi.activate(id) : botsApi.deactivate(id));

// Admin console → Bots → Slash commands: external commands (registered ones only; built-ins are not managed here).
export const loadExternalCommands = async (): Promise<SlashCommandDto[]> =>
  (await slashCommandsApi.list()).items.filter((c) => c.kind === "external");
export const registerCommand = (command: string, url: string, description: string, usageHint: string | null): Promise<CreatedSlashCommandDto> =>
  slashCommandsApi.create({ command, url, description, usageHint });
export const removeCommand = (id: number): Promise<void> => slashCommandsApi.remove(id);
