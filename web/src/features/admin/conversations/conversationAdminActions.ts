import { conversationAdminApi } from "../../../api/endpoints";
import type { AdminConversationDto, MemberDto } from "../../../api/types";

export type ArchivedFilter = "all" | "active" | "archived";

export interface ConversationFilters {
  query: string;
  kind: "" | "group" | "channel" | "direct";
  archived: ArchivedFilter;
}

export async function searchConversations(f: ConversationFilters): Promise<AdminConversationDto[]> {
  const archived = f.archived === "all" ? undefined : f.archived === "archived";
  return (await conversationAdminApi.search({ query: f.query.trim() || undefined, kind: f.kind || undefined, archived, limit: 100 })).items;
}

export async function conversationMembers(id: number): Promise<MemberDto[]> {
  return (await conversationAdminApi.members(id)).items;
}

/** What the admin list shows as a conversation's title: its name, or the two people of a direct conversation. */
export function conversationTitle(c: Pick<AdminConversationDto, "name" | "participants">): string {
  return c.name ?? (c.participants ?? []).join(" · ");
}

export const {
  addMembers,
  removeMember,
  archive,
  transferOwnership,
  setDefault,
  unsetDefault,
  linkDepartment,
  unlinkDepartment,
  createDepartmentGroup,
} = conversationAdminApi;
