// Admin console → Bots: the calls its section makes.
import { botsApi } from "../../../api/endpoints";
import type { BotDto, BotTokenDto } from "../../../api/types";

export const loadBots = async (): Promise<BotDto[]> => (await botsApi.list()).items;
export const createBot = (username: string, displayName: string | null, scopes: string[]): Promise<BotTokenDto> => botsApi.create({ username, displayName, scopes });
export const rotateBotToken = (id: number): Promise<BotTokenDto> => botsApi.rotate(id);
export const setBotActive = (id: number, active: boolean): Promise<BotDto> => (active ? botsApi.activate(id) : botsApi.deactivate(id));
