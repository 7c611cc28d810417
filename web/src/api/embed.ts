// Embedding (docs/integrations.md, "Embedding"): the embed page's token exchange and the admin console's applications.
import { request } from "./http";
import type { CreatedEmbedAppDto, EmbedAppDto, EmbedSessionDto, ListResponse } from "./types";

export const embedApi = {
  /** The embed page trades its single-use token for a session limited to the token's scope. */
  startSession: (token: string, parentOrigin: string | null) =>
    request<EmbedSessionDto>("POST", "/embed/sessions", { body: { token, parentOrigin } }),
  listApps: () => request<ListResponse<EmbedAppDto>>("GET", "/embed/apps"),
  createApp: (name: string, allowedOrigins: string[]) => request<CreatedEmbedAppDto>("POST", "/embed/apps", { body: { name, allowedOrigins } }),
  updateApp: (id: number, name: string, allowedOrigins: string[]) => request<EmbedAppDto>("PUT", `/embed/apps/${id}`, { body: { name, allowedOrigins } }),
  revokeApp: (id: number) => request<void>("DELETE", `/embed/apps/${id}`),
};
