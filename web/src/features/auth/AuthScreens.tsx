import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useConfig } from "../../core/CoreProvider";
import { ApiError } from "../../api/http";
import { createFirstAdmin, finishSingleSignOn, login } from "./authActions";
import { errorMessage } from "./errorMessage";
import { safeReturnPath, ssoErrorKey, ssoStartUrl, takeSsoReturn } from "./singleSignOn";
import type { StoredSession } from "./session";

interface Props {
  onSignedIn: (session: StoredSession) => void;
  notice?: string | null;
  /** Called as the form is sent: the app starts fetching the chat screens while the server checks the password. */
  onSubmitting?: () => void;
}

function Field({ id, label, ...input }: { id: string; label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <input id={id} name={id} required {...input} />
    </label>
  );
}

/** The server's password rule (Passwords.Validate), shown wherever a password is chosen. */
export function PasswordRule({ id }: { id: string }) {
  const { t } = useTranslation();
  const { minPasswordLength } = useConfig().auth;
  return (
    <p className="field-hint" id={id} data-testid="password-rule">
      {t("auth.passwordRule", { min: minPasswordLength })}
    </p>
  );
}

export function SetupScreen({ onSignedIn, onSubmitting }: Props) {
  const { t } = useTranslation();
  const { minPasswordLength } = useConfig().auth;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmitting?.();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm"))) {
      setError(t("auth.passwordMismatch"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await createFirstAdmin(String(form.get("username")).trim(), password, String(form.get("displayName")).trim()));
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="setup-title">
        <div className="brand">Parley</div>
        <h1 id="setup-title">{t("auth.setupTitle")}</h1>
        <p className="muted">{t("auth.setupIntro")}</p>
        <Field id="displayName" label={t("auth.displayName")} autoComplete="name" />
        <Field id="username" label={t("auth.username")} autoComplete="username" pattern="[A-Za-z0-9_.\-]+" />
        <Field id="password" label={t("auth.password")} type="password" autoComplete="new-password" minLength={minPasswordLength} aria-describedby="password-rule" />
        <PasswordRule id="password-rule" />
        <Field id="confirm" label={t("auth.confirmPassword")} type="password" autoComplete="new-password" minLength={minPasswordLength} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {t("auth.createAdmin")}
        </button>
      </form>
    </main>
  );
}

export function LoginScreen({ onSignedIn, notice, onSubmitting }: Props) {
  const { t } = useTranslation();
  // Visitors may open the cost planner when the server allows it (Parley:Planner:AllowAnonymous).
  const { plannerWithoutSignIn, sso } = useConfig().auth;
  const plannerOpen = plannerWithoutSignIn ?? false;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // After totp_required the same form asks for the code; username and password stay as typed.
  const [needsCode, setNeedsCode] = useState(false);
  // A single sign-on came back and its account has a second factor: the one-time code waits for it.
  const [ssoCode, setSsoCode] = useState<string | null>(null);
  const taken = useRef(false);

  const finishSso = async (code: string, totpCode?: string) => {
    setBusy(true);
    setError(null);
    try {
      const { session, returnUrl } = await finishSingleSignOn(code, totpCode);
      window.history.replaceState(null, "", safeReturnPath(returnUrl));
      onSignedIn(session);
    } catch (err) {
      if (err instanceof ApiError && err.code === "totp_required") {
        setSsoCode(code);
        setNeedsCode(true);
      } else setError(errorMessage(t, err));
      setBusy(false);
    }
  };

  // The server's redirect back from the identity provider: a one-time code to exchange, or why it failed.
  useEffect(() => {
    if (taken.current) return;
    taken.current = true;
    const back = takeSsoReturn();
    if (back.error) setError(t(ssoErrorKey(back.error)));
    if (back.code) void finishSso(back.code);
    // Once, on the first render: the address bar is cleared by takeSsoReturn.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmitting?.();
    const form = new FormData(e.currentTarget);
    const code = needsCode ? String(form.get("totpCode") ?? "").trim() : undefined;
    if (ssoCode) {
      await finishSso(ssoCode, code);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(String(form.get("username")).trim(), String(form.get("password")), code));
    } catch (err) {
      if (err instanceof ApiError && err.code === "totp_required") setNeedsCode(true);
      else setError(errorMessage(t, err));
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand">Parley</div>
        <h1 id="login-title">{t("auth.loginTitle")}</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {!ssoCode && (
          <>
            <Field id="username" label={t("auth.username")} autoComplete="username" />
            <Field id="password" label={t("auth.password")} type="password" autoComplete="current-password" />
          </>
        )}
        {needsCode && (
          <>
            <Field id="totpCode" label={t("auth.totpCode")} autoComplete="one-time-code" inputMode="text" autoFocus maxLength={16} aria-describedby="totp-hint" data-testid="totp-code" />
            <p className="field-hint" id="totp-hint">
              {t("auth.totpHint")}
            </p>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {t("auth.login")}
        </button>
        {sso && !ssoCode && (
          <>
            <p className="auth-divider muted small">{t("auth.sso.or")}</p>
            <button type="button" className="sso-button" disabled={busy} onClick={() => window.location.assign(ssoStartUrl(sso.startUrl))} data-testid="sso-login">
              {sso.buttonLabel || t("auth.sso.button")}
            </button>
          </>
        )}
        {plannerOpen && (
          <a href="#/planner" className="center small" data-testid="visitor-planner-link">
            {t("auth.openPlanner")}
          </a>
        )}
      </form>
    </main>
  );
}
