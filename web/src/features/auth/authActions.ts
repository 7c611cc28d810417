import { authApi, setupApi } from "../../api/endpoints";
import { setToken } from "../../api/http";
import type { LoginResponse } from "../../api/types";
import { clearSession, saveSession, type StoredSession } from "./session";

export async function needsSetup(): Promise<boolean> {
  return (await setupApi.status()).needed;
}

function signedIn(response: LoginResponse): StoredSession {
  setToken(response.token);
  return saveSession(response);
}

export async function createFirstAdmin(username: string, password: string, displayName: string): Promise<StoredSession> {
  return signedIn(await setupApi.create({ username, password, displayName }));
}

export async function login(username: string, password: string): Promise<StoredSession> {
  return signedIn(await authApi.login(username, password));
}

export async function logout(): Promise<void> {
  try {
    await authApi.logout();
  } finally {
    setToken(null);
    clearSession();
  }
}
