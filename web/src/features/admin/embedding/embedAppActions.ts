// Admin console → Embedding: the calls its section makes.
import { embedApi } from "../../../api/embed";
import type { CreatedEmbedAppDto, EmbedAppDto } from "../../../api/types";

export const loadEmbedApps = async (): Promise<EmbedAppDto[]> => (await embedApi.listApps()).items;
export const createEmbedApp = (name: string, origins: string[]): Promise<CreatedEmbedAppDto> => embedApi.createApp(name, origins);
export const updateEmbedApp = (id: number, name: string, origins: string[]): Promise<EmbedAppDto> => embedApi.updateApp(id, name, origins);
export const revokeEmbedApp = (id: number): Promise<void> => embedApi.revokeApp(id);

/** Origins as typed: one per line (or separated by spaces or commas). */
export const parseOrigins = (text: string): string[] => text.split(/[\s,]+/).map((o) => o.trim()).filter(Boolean);
