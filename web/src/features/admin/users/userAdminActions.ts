import { request } from "../../../api/http";
import { usersApi } from "../../../api/endpoints";
import type { ListResponse, SessionDto, UserDto } from "../../../api/types";

/** Everyone matching, deactivated users included (users.manage). */
export async function listUsers(query: string): Promise<UserDto[]> {
  return (await usersApi.search(query, 100, true)).items;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  mustChangePassword: boolean;
}

export const createUser = (u: NewUser) =>
  usersApi.create({ username: u.username, displayName: u.displayName, password: u.password, isAdmin: false, roles: u.roles, mustChangePassword: u.mustChangePassword });
export const setActive = (id: number, isActive: boolean) => usersApi.update(id, { isActive });
export const setExternal = (id: number, isExternal: boolean) => usersApi.update(id, { isExternal });
export const setRoles = (id: number, roles: string[]) => usersApi.update(id, { roles });
export const forcePasswordChange = (id: number, must: boolean) => usersApi.update(id, { mustChangePassword: must });
export const resetPassword = (id: number, password: string, mustChange: boolean) => usersApi.resetPassword(id, password, mustChange);
export const resetTwoFactor = (id: number) => usersApi.resetTotp(id);
export async function userSessions(id: number): Promise<SessionDto[]> {
  return (await request<ListResponse<SessionDto>>("GET", `/users/${id}/sessions`)).items;
}
export const revokeUserSession = (id: number, sessionId: number) => request<void>("DELETE", `/users/${id}/sessions/${sessionId}`);

export const GRANTABLE_ROLES = ["system_admin", "user_admin", "compliance_officer", "auditor", "service_agent"] as const;
