import { authApi, usersApi } from "../../api/endpoints";
import type { SessionDto, UserDto } from "../../api/types";
import type { Core } from "../../core";

export async function listSessions(): Promise<SessionDto[]> {
  return (await authApi.sessions()).items;
}

export const revokeSession = (id: number) => authApi.revokeSession(id);

/** The server keeps this session and ends the others. */
export const changePassword = (currentPassword: string, newPassword: string) => usersApi.changePassword(currentPassword, newPassword);

/** Reads the signed-in user again (after turning two-factor sign-in on or off). */
export async function refreshMe(core: Core): Promise<UserDto> {
  const user = await usersApi.me();
  core.store.dispatch({ type: "me", user });
  return user;
}
