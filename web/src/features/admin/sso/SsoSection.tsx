// Admin console → Single sign-on (OpenID Connect): the provider, the client, how people are matched to accounts, and a
// connection test. Saved settings apply at once on every node; the client secret is never shown (only whether one is set).
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { adminApi } from "../../../api/endpoints";
import type { OidcSettingsDto, OidcTestResultDto } from "../../../api/types";
import { errorMessage } from "../../auth/errorMessage";

const LINK_CLAIMS = ["preferred_username", "email", "upn", "unique_name", "name", "sub", "oid"];

export default function SsoSection() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<OidcSettingsDto | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [test, setTest] = useState<OidcTestResultDto | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    adminApi.oidcSettings().then(setSettings, (err: unknown) => setMessage(errorMessage(t, err)));
  }, [t]);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const secret = String(f.get("clientSecret") ?? "");
    setBusy(true);
    try {
      setSettings(
        await adminApi.setOidcSettings({
          enabled: f.get("enabled") === "on",
          authority: String(f.get("authority") ?? "").trim() || null,
          clientId: String(f.get("clientId") ?? "").trim() || null,
          clientSecret: secret === "" ? null : secret,
          scopes: String(f.get("scopes") ?? "").split(/\s+/).filter(Boolean),
          buttonLabel: String(f.get("buttonLabel") ?? "").trim() || null,
          linkClaim: String(f.get("linkClaim")),
          linkExisting: f.get("linkExisting") === "on",
          autoProvision: f.get("autoProvision") === "on",
          trustIdpMfa: f.get("trustIdpMfa") === "on",
          requireHttpsMetadata: f.get("requireHttpsMetadata") === "on",
        }),
      );
      setMessage(t("common.saved"));
    } catch (err) {
      setMessage(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const runTest = async (form: HTMLFormElement | null) => {
    if (!form) return;
    const f = new FormData(form);
    setBusy(true);
    setTest(null);
    try {
      setTest(await adminApi.testOidc(String(f.get("authority") ?? "").trim() || null, f.get("requireHttpsMetadata") === "on"));
    } catch (err) {
      setMessage(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (!settings) return message ? <p className="error">{message}</p> : null;
  return (
    <div data-testid="admin-sso">
      <h2>{t("admin.sections.sso")}</h2>
      <form className="admin-card admin-form" onSubmit={save} id="sso-form">
        <p className="muted small">{t("admin.sso.intro")}</p>
        <label className="checkbox">
          <input name="enabled" type="checkbox" defaultChecked={settings.enabled} data-testid="sso-enabled" /> {t("admin.sso.enabled")}
        </label>
        <label className="field">
          <span>{t("admin.sso.authority")}</span>
          <input name="authority" defaultValue={settings.authority ?? ""} placeholder="https://login.example.com/realms/staff" data-testid="sso-authority" />
        </label>
        <label className="field">
          <span>{t("admin.sso.clientId")}</span>
          <input name="clientId" defaultValue={settings.clientId ?? ""} autoComplete="off" />
        </label>
        <label className="field">
          <span>{t("admin.sso.clientSecret")}</span>
          <input name="clientSecret" type="password" autoComplete="new-password" placeholder={settings.clientSecretSet ? t("admin.sso.secretKept") : ""} />
        </label>
        <label className="field">
          <span>{t("admin.sso.redirectUri")}</span>
          <input readOnly value={settings.redirectUri} data-testid="sso-redirect-uri" />
        </label>
        <label className="field">
          <span>{t("admin.sso.scopes")}</span>
          <input name="scopes" defaultValue={settings.scopes.join(" ")} />
        </label>
        <label className="field">
          <span>{t("admin.sso.buttonLabel")}</span>
          <input name="buttonLabel" defaultValue={settings.buttonLabel ?? ""} maxLength={60} placeholder={t("auth.sso.button")} />
        </label>
        <label className="field">
          <span>{t("admin.sso.linkClaim")}</span>
          <select name="linkClaim" defaultValue={settings.linkClaim}>
            {LINK_CLAIMS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input name="linkExisting" type="checkbox" defaultChecked={settings.linkExisting} /> {t("admin.sso.linkExisting")}
        </label>
        <label className="checkbox">
          <input name="autoProvision" type="checkbox" defaultChecked={settings.autoProvision} /> {t("admin.sso.autoProvision")}
        </label>
        <label className="checkbox">
          <input name="trustIdpMfa" type="checkbox" defaultChecked={settings.trustIdpMfa} /> {t("admin.sso.trustIdpMfa")}
        </label>
        <label className="checkbox">
          <input name="requireHttpsMetadata" type="checkbox" defaultChecked={settings.requireHttpsMetadata} /> {t("admin.sso.requireHttps")}
        </label>
        <div className="row">
          <button className="primary" type="submit" disabled={busy}>
            {t("common.save")}
          </button>
          <button type="button" disabled={busy} onClick={(e) => void runTest(e.currentTarget.form)} data-testid="sso-test">
            {t("admin.sso.test")}
          </button>
        </div>
      </form>
      {test && (
        <p className={test.ok ? "notice" : "error"} role="status" data-testid="sso-test-result">
          {test.ok ? t("admin.sso.testOk", { issuer: test.issuer, keys: test.signingKeys }) : t("admin.sso.testFailed", { stage: t(`admin.sso.stage.${test.stage}`), error: test.error })}
        </p>
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
