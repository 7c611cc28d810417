// Admin console → Provisioning: the SCIM base URL an identity provider (Okta, Entra ID) is given, and its bearer
// tokens — made here, shown once, revoked here; the list shows when each was last used.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ScimTokenDto } from "../../../api/types";
import { errorMessage } from "../../auth/errorMessage";
import { createScimToken, loadScimTokens, revokeScimToken } from "./scimTokenActions";
import { SecretOnce } from "../SecretOnce";

export default function ProvisioningSection() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<ScimTokenDto[] | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const baseUrl = `${window.location.origin}/scim/v2`;

  const reload = useCallback(() => loadScimTokens().then(setItems, (err: unknown) => setMessage(errorMessage(t, err))), [t]);
  useEffect(() => void reload(), [reload]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    try {
      const created = await createScimToken(String(new FormData(form).get("name")).trim());
      setSecret(created.secret);
      setMessage(null);
      form.reset();
      await reload();
    } catch (err) {
      setMessage(errorMessage(t, err));
    }
  };

  const revoke = async (id: number) => {
    try {
      await revokeScimToken(id);
      await reload();
    } catch (err) {
      setMessage(errorMessage(t, err));
    }
  };

  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(i18n.language) : t("admin.provisioning.never"));

  return (
    <div data-testid="admin-provisioning">
      <h2>{t("admin.sections.provisioning")}</h2>
      <p className="muted">{t("admin.provisioning.intro")}</p>
      <div className="admin-card">
        <strong>{t("admin.provisioning.baseUrl")}</strong>
        <br />
        <code className="secret" data-testid="scim-base-url">
          {baseUrl}
        </code>
      </div>
      <form className="admin-card admin-form" onSubmit={submit} data-testid="scim-token-form">
        <label className="field">
          <span>{t("admin.provisioning.name")}</span>
          <input name="name" required maxLength={100} placeholder="Okta" />
        </label>
        <button type="submit" className="primary" data-testid="scim-token-create">
          {t("admin.provisioning.create")}
        </button>
      </form>
      {secret && (
        <SecretOnce testId="scim-token-secret" warning={t("admin.provisioning.secretOnce")} secret={secret} />
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t("admin.provisioning.none")}</p>}
      {items && items.length > 0 && (
        <table className="admin-table" data-testid="scim-token-list">
          <thead>
            <tr>
              <th>{t("admin.provisioning.name")}</th>
              <th>{t("admin.provisioning.lastUsed")}</th>
              <th>{t("admin.users.status")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((k) => (
              <tr key={k.id} className={k.revokedAt ? "inactive" : undefined} data-testid={`scim-token-${k.id}`}>
                <td>{k.name}</td>
                <td>{when(k.lastUsedAt)}</td>
                <td>{k.revokedAt ? t("admin.provisioning.revoked") : t("admin.users.active")}</td>
                <td>
                  {!k.revokedAt && (
                    <button type="button" className="link-button" onClick={() => void revoke(k.id)} data-testid={`scim-token-revoke-${k.id}`}>
                      {t("admin.provisioning.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
