// The signed-in session, kept in localStorage so a reload stays signed in until the token expires.
import type { LoginResponse, UserDto } from "../../api/types";

const KEY = "parley.session";

export interface StoredSession {
  token: string;
  user: UserDto;
  expiresAt: string;
}

export function loadSession(now = Date.now()): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as StoredSession;
    if (!session.token || Date.parse(session.expiresAt) <= now) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(login: LoginResponse): StoredSession {
  const session: StoredSession = { token: login.token, user: login.user, expiresAt: login.expiresAt };
  localStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function updateSession(session: StoredSession): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}
