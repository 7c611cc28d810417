// What an account must do before anything else (the server refuses other calls until then): replace a password an
// administrator set, or enrol a second factor the security policy requires.
import { useState, type FormEvent } from "react";
import { ErrorText } from "../../ui/ErrorText";
import { useTranslation } from "react-i18next";
import { usersApi } from "../../api/endpoints";
import { TotpEnrolment } from "../twofactor/TotpEnrolment";
import { PasswordRule } from "./AuthScreens";
import { errorMessage } from "./errorMessage";
import { useConfig } from "../../core/CoreProvider";

export function RequiredStepScreen({ requires, onDone, onLogout }: { requires: string; onDone: () => void; onLogout: () => void }) {
  const { t } = useTranslation();
  const { minPasswordLength } = useConfig().auth;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = String(form.get("newPassword"));
    if (next !== String(form.get("confirm"))) {
      setError(t("auth.passwordMismatch"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await usersApi.changePassword(String(form.get("currentPassword")), next);
      onDone();
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <div className="auth-card wide" data-testid="required-step">
        <div className="brand">Parley</div>
        {requires === "password_change_required" ? (
          <form onSubmit={change} aria-labelledby="required-title">
            <h1 id="required-title">{t("required.passwordTitle")}</h1>
            <p className="muted">{t("required.passwordIntro")}</p>
            <label className="field">
              <span>{t("settings.currentPassword")}</span>
              <input name="currentPassword" type="password" required autoComplete="current-password" data-testid="required-current" />
            </label>
            <label className="field">
              <span>{t("settings.newPassword")}</span>
              <input name="newPassword" type="password" required minLength={minPasswordLength} autoComplete="new-password" aria-describedby="required-rule" data-testid="required-new" />
            </label>
            <PasswordRule id="required-rule" />
            <label className="field">
              <span>{t("auth.confirmPassword")}</span>
              <input name="confirm" type="password" required minLength={minPasswordLength} autoComplete="new-password" data-testid="required-confirm" />
            </label>
            <ErrorText error={error} />
            <button className="primary" type="submit" disabled={busy} data-testid="required-submit">
              {t("settings.changePasswordSubmit")}
            </button>
          </form>
        ) : (
          <>
            <h1>{t("required.totpTitle")}</h1>
            <p className="muted">{t("required.totpIntro")}</p>
            <TotpEnrolment onDone={onDone} />
          </>
        )}
        <button type="button" className="link-button" onClick={onLogout}>
          {t("auth.logout")}
        </button>
      </div>
    </main>
  );
}
