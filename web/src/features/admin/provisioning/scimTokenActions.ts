// Admin console → Provisioning (SCIM): the calls its section makes.
import { scimTokensApi } from "../../../api/endpoints";
import type { CreatedScimTokenDto, ScimTokenDto } from "../../../api/types";

export const loadScimTokens = async (): Promise<ScimTokenDto[]> => (await scimTokensApi.list()).items;
export const createScimToken = (name: string): Promise<CreatedScimTokenDto> => scimTokensApi.create(name);
export const revokeScimToken = (id: number): Promise<void> => scimTokensApi.revoke(id);
