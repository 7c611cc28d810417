// Two-factor enrolment: a QR code (and the secret for typing), a code from the app to prove it, then the recovery
// codes, shown once.
import { useEffect, useState, type FormEvent } from "react";
import { ErrorText } from "../../ui/ErrorText";
import { useTranslation } from "react-i18next";
import type { TotpEnrollmentDto } from "../../api/types";
import { errorMessage } from "../auth/errorMessage";
import { beginTotp, confirmTotp } from "./twoFactorActions";
import "./twofactor.css";

export function TotpEnrolment({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<TotpEnrollmentDto | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    beginTotp()
      .then(setEnrolment)
      .catch((err: unknown) => setError(errorMessage(t, err)));
  }, [t]);

  const confirm = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "");
    setBusy(true);
    setError(null);
    try {
      setCodes((await confirmTotp(code)).recoveryCodes);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (codes) {
    return (
      <div className="totp-enrolment" data-testid="totp-recovery">
        <p>{t("twoFactor.recoveryIntro")}</p>
        <ul className="recovery-codes" data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" className="primary" onClick={onDone} data-testid="totp-done">
          {t("twoFactor.savedCodes")}
        </button>
      </div>
    );
  }
  return (
    <div className="totp-enrolment" data-testid="totp-enrolment">
      <p>{t("twoFactor.scanIntro")}</p>
      {enrolment && (
        <>
          <img className="totp-qr" src={enrolment.qrCode} alt={t("twoFactor.qrAlt")} width={200} height={200} data-testid="totp-qr" />
          <p className="muted small">
            {t("twoFactor.secretLabel")} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <form className="inline-form wrap" onSubmit={confirm}>
            <input name="code" required inputMode="numeric" autoComplete="one-time-code" maxLength={8} placeholder={t("twoFactor.codePlaceholder")} aria-label={t("twoFactor.codePlaceholder")} data-testid="totp-confirm-code" />
            <button type="submit" className="primary" disabled={busy}>
              {t("twoFactor.confirm")}
            </button>
          </form>
        </>
      )}
      <ErrorText error={error} />
    </div>
  );
}
