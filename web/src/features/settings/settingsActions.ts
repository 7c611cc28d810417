import { authApi, usersApi } from "../../api/endpoints";
import type { SessionDto, UserDto } from "../../api/types";

export async function listSessions(): Promise<SessionDto[]> {
  return (await authApi.sessions()).items;
}

export const revokeSession = (id: number) => authApi.revokeSession(id);

/** The server keeps this session and ends the others. */
export const changePassword = (currentPassword: string, newPassword: string) => usersApi.changePassword(currentPassword, newPassword);

export function createUser(username: string, password: string, displayName: string, isAdmin: boolean): Promise<UserDto> {
  return usersApi.create({ username, password, displayName, isAdmin });
}
