import { authApi, setupApi, usersApi } from "../../api/endpoints";
import { setToken } from "../../api/http";
import type { LoginResponse } from "../../api/types";
import { clearSession, saveSession, updateSession, type StoredSession } from "./session";

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

/** totpCode: the second factor, after the server answered totp_required. */
export async function login(username: string, password: string, totpCode?: string): Promise<StoredSession> {
  return signedIn(await authApi.login(username, password, totpCode));
}

/** The signed-in user as the server sees it now (permissions, what the account must do first). */
export async function refreshUser(session: StoredSession): Promise<StoredSession> {
  const user = await usersApi.me();
  const updated = { ...session, user };
  updateSession(updated);
  return updated;
}

export async function logout(): Promise<void> {
  try {
    await authApi.logout();
  } finally {
    setToken(null);
    clearSession();
  }
}

/**
 * Finishes a single sign-on: the server's redirect brought a one-time code (never a token); it is exchanged here for
 * the session. totpCode after totp_required. Returns the session and the local path the sign-in started from.
 */
export async function finishSingleSignOn(code: string, totpCode?: string): Promise<{ session: StoredSession; returnUrl: string }> {
  const response = await authApi.oidcExchange(code, totpCode);
  return { session: signedIn(response.login), returnUrl: response.returnUrl };
}
