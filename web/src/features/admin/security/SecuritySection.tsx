// Admin console → Security policy: who must sign in with a second factor.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { adminApi } from "../../../api/endpoints";
import { errorMessage } from "../../auth/errorMessage";

const CHOICES = ["off", "administrators", "everyone"] as const;

export default function SecuritySection() {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    adminApi.securityPolicy().then(
      (p) => setValue(p.requireTwoFactor ?? "off"),
      (err: unknown) => setMessage(errorMessage(t, err)),
    );
  }, [t]);

  const choose = async (choice: string) => {
    try {
      setValue((await adminApi.setSecurityPolicy(choice)).requireTwoFactor ?? choice);
      setMessage(t("common.saved"));
    } catch (err) {
      setMessage(errorMessage(t, err));
    }
  };

  return (
    <div data-testid="admin-security">
      <h2>{t("admin.sections.security")}</h2>
      <fieldset className="admin-card">
        <legend>{t("admin.security.requireTwoFactor")}</legend>
        {CHOICES.map((c) => (
          <label key={c} className="radio-row">
            <input type="radio" name="requireTwoFactor" value={c} checked={value === c} disabled={value === null} onChange={() => void choose(c)} data-testid={`policy-${c}`} />
            <span>
              <strong>{t(`admin.security.choice.${c}`)}</strong>
              <br />
              <span className="muted small">{t(`admin.security.hint.${c}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
