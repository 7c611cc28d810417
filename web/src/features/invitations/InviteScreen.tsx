// The page an invitation link opens (/invite/<token>): the invitee chooses a username, a display name and a password
// (the server's password policy applies) and is signed in. A link that is unknown, expired, used or revoked says so.
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { InvitationPreviewDto } from "../../api/types";
import { useConfig } from "../../core/CoreProvider";
import { PasswordRule } from "../auth/AuthScreens";
import { errorMessage } from "../auth/errorMessage";
import type { StoredSession } from "../auth/session";
import { acceptInvitation, previewInvitation } from "./inviteActions";

export function InviteScreen({ token, onSignedIn }: { token: string; onSignedIn: (session: StoredSession) => void }) {
  const { t } = useTranslation();
  const { minPasswordLength } = useConfig().auth;
  const [preview, setPreview] = useState<InvitationPreviewDto | null>(null);
  const [dead, setDead] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    previewInvitation(token).then(setPreview, (err: unknown) => setDead(errorMessage(t, err)));
  }, [token, t]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm"))) {
      setError(t("auth.passwordMismatch"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await acceptInvitation(token, String(form.get("username")).trim(), String(form.get("displayName")).trim(), password));
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  };

  if (dead) {
    return (
      <main className="auth-page">
        <div className="auth-card" data-testid="invite-dead">
          <div className="brand">Parley</div>
          <h1>{t("invite.title")}</h1>
          <p className="error" role="alert">
            {dead}
          </p>
          <a href="/">{t("invite.toSignIn")}</a>
        </div>
      </main>
    );
  }
  if (!preview) return <div className="splash muted">{t("common.loading")}</div>;
  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="invite-title" data-testid="invite-form">
        <div className="brand">Parley</div>
        <h1 id="invite-title">{t("invite.title")}</h1>
        <p className="muted">{t("invite.intro")}</p>
        <label className="field" htmlFor="displayName">
          <span>{t("auth.displayName")}</span>
          <input id="displayName" name="displayName" required autoComplete="name" defaultValue={preview.displayName ?? ""} maxLength={100} />
        </label>
        <label className="field" htmlFor="username">
          <span>{t("auth.username")}</span>
          <input id="username" name="username" required autoComplete="username" pattern="[A-Za-z0-9_.\-]+" maxLength={64}
            defaultValue={(preview.email?.split("@")[0] ?? "").replace(/[^A-Za-z0-9_.-]/g, "")} />
        </label>
        <label className="field" htmlFor="password">
          <span>{t("auth.password")}</span>
          <input id="password" name="password" type="password" required autoComplete="new-password" minLength={minPasswordLength} aria-describedby="password-rule" />
        </label>
        <PasswordRule id="password-rule" />
        <label className="field" htmlFor="confirm">
          <span>{t("auth.confirmPassword")}</span>
          <input id="confirm" name="confirm" type="password" required autoComplete="new-password" minLength={minPasswordLength} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy} data-testid="invite-accept">
          {t("invite.accept")}
        </button>
      </form>
    </main>
  );
}
