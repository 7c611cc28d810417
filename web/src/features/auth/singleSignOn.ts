// Single sign-on on the sign-in page: the start address (with where to come back to) and what the server's redirect
// back brought (?sso_code= or ?sso_error=), read once and removed from the address bar.

/** The server's start address with the current place in the app as a local return path. */
export function ssoStartUrl(startUrl: string, hash = window.location.hash): string {
  return `${startUrl}?returnUrl=${encodeURIComponent("/" + hash)}`;
}

export interface SsoReturn {
  code: string | null;
  error: string | null;
}

/** Reads sso_code / sso_error from the query and removes them, so a reload or a shared link never carries them. */
export function takeSsoReturn(location: Location = window.location, history: History = window.history): SsoReturn {
  const params = new URLSearchParams(location.search);
  const code = params.get("sso_code");
  const error = params.get("sso_error");
  if (code === null && error === null) return { code: null, error: null };
  params.delete("sso_code");
  params.delete("sso_error");
  const query = params.toString();
  history.replaceState(null, "", location.pathname + (query ? `?${query}` : "") + location.hash);
  return { code, error };
}

/** A local return path from the server (it sends only those); anything else goes home. */
export function safeReturnPath(returnUrl: string): string {
  return returnUrl.startsWith("/") && !returnUrl.startsWith("//") && !returnUrl.startsWith("/\\") ? returnUrl : "/";
}

const KNOWN_ERRORS = ["access_denied", "sso_failed", "sso_no_account", "sso_username_taken", "account_disabled", "sso_disabled"];

/** The i18n key of the sentence for an sso_error value. */
export function ssoErrorKey(error: string): string {
  return `auth.sso.errors.${KNOWN_ERRORS.includes(error) ? error : "sso_failed"}`;
}
