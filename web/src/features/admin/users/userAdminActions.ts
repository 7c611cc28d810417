import { usersApi } from "../../../api/endpoints";
import type { UserDto } from "../../../api/types";

/** Everyone matching, deactivated users included (users.manage). */
export async function listUsers(query: string): Promise<UserDto[]> {
  return (await usersApi.search(query, 100, true)).items;
}
