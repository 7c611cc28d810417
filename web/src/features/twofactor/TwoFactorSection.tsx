// Settings → two-factor sign-in: turn it on (enrolment) or off (with the password).
import { useState, type FormEvent } from "react";
import { ErrorText } from "../../ui/ErrorText";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../auth/errorMessage";
import { TotpEnrolment } from "./TotpEnrolment";
import { disableTotp } from "./twoFactorActions";

export function TwoFactorSection({ enabled, onChanged }: { enabled: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<"idle" | "enrol" | "disable">("idle");
  const [error, setError] = useState<string | null>(null);

  const disable = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    try {
      await disableTotp(String(new FormData(e.currentTarget).get("password") ?? ""));
      setMode("idle");
      onChanged();
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <section className="settings-section" data-testid="two-factor-section">
      <h3>{t("twoFactor.title")}</h3>
      <p className="muted">{enabled ? t("twoFactor.on") : t("twoFactor.off")}</p>
      {mode === "idle" && !enabled && (
        <button type="button" onClick={() => setMode("enrol")} data-testid="totp-enable">
          {t("twoFactor.enable")}
        </button>
      )}
      {mode === "idle" && enabled && (
        <button type="button" onClick={() => setMode("disable")} data-testid="totp-disable">
          {t("twoFactor.disable")}
        </button>
      )}
      {mode === "enrol" && (
        <TotpEnrolment
          onDone={() => {
            setMode("idle");
            onChanged();
          }}
        />
      )}
      {mode === "disable" && (
        <form className="inline-form wrap" onSubmit={disable}>
          <input name="password" type="password" required autoComplete="current-password" placeholder={t("settings.currentPassword")} aria-label={t("settings.currentPassword")} />
          <button type="submit" className="danger">
            {t("twoFactor.disable")}
          </button>
          <button type="button" onClick={() => setMode("idle")}>
            {t("common.cancel")}
          </button>
        </form>
      )}
      <ErrorText error={error} />
    </section>
  );
}
