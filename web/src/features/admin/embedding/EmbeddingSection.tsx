// Admin console → Embedding: applications (OA, CRM portals) that embed Parley, the origins allowed to frame it, and
// each application's secret — shown once, for its back end to exchange for single-use tokens (docs/integrations.md).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { EmbedAppDto } from "../../../api/types";
import { errorMessage } from "../../auth/errorMessage";
import { SecretOnce } from "../SecretOnce";
import { createEmbedApp, loadEmbedApps, parseOrigins, revokeEmbedApp, updateEmbedApp } from "./embedAppActions";

export default function EmbeddingSection() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<EmbedAppDto[] | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);

  const reload = useCallback(() => loadEmbedApps().then(setItems, (err: unknown) => setMessage(errorMessage(t, err))), [t]);
  useEffect(() => void reload(), [reload]);

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setMessage(null);
      await reload();
      return true;
    } catch (err) {
      setMessage(errorMessage(t, err));
      return false;
    }
  };

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const ok = await run(async () => {
      const created = await createEmbedApp(String(data.get("name")).trim(), parseOrigins(String(data.get("origins"))));
      setSecret(created.secret);
    });
    if (ok) form.reset();
  };

  const save = async (e: FormEvent<HTMLFormElement>, app: EmbedAppDto) => {
    e.preventDefault();
    const origins = parseOrigins(String(new FormData(e.currentTarget).get("origins")));
    if (await run(() => updateEmbedApp(app.id, app.name, origins))) setEditing(null);
  };

  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(i18n.language) : t("admin.embedding.never"));

  return (
    <div data-testid="admin-embedding">
      <h2>{t("admin.sections.embedding")}</h2>
      <p className="muted">{t("admin.embedding.intro")}</p>
      <form className="admin-card admin-form" onSubmit={(e) => void create(e)} data-testid="embed-app-form">
        <label className="field">
          <span>{t("admin.embedding.name")}</span>
          <input name="name" required maxLength={100} placeholder="OA" />
        </label>
        <label className="field">
          <span>{t("admin.embedding.origins")}</span>
          <textarea name="origins" required rows={2} placeholder="https://oa.example.com" data-testid="embed-app-origins" />
          <small className="muted">{t("admin.embedding.originsHint")}</small>
        </label>
        <button type="submit" className="primary" data-testid="embed-app-create">
          {t("admin.embedding.create")}
        </button>
      </form>
      {secret && <SecretOnce testId="embed-app-secret" warning={t("admin.embedding.secretOnce")} secret={secret} />}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t("admin.embedding.none")}</p>}
      {items && items.length > 0 && (
        <table className="admin-table" data-testid="embed-app-list">
          <thead>
            <tr>
              <th>{t("admin.embedding.name")}</th>
              <th>{t("admin.embedding.origins")}</th>
              <th>{t("admin.embedding.lastUsed")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((app) => (
              <tr key={app.id} data-testid={`embed-app-${app.id}`}>
                <td>{app.name}</td>
                <td>
                  {editing === app.id ? (
                    <form onSubmit={(e) => void save(e, app)} className="admin-inline-form">
                      <textarea name="origins" rows={2} defaultValue={app.allowedOrigins.join("\n")} aria-label={t("admin.embedding.origins")} />
                      <button type="submit" className="link-button">
                        {t("common.save")}
                      </button>
                    </form>
                  ) : (
                    app.allowedOrigins.map((o) => (
                      <code key={o} className="embed-origin">
                        {o}
                      </code>
                    ))
                  )}
                </td>
                <td>{when(app.lastUsedAt)}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => setEditing(editing === app.id ? null : app.id)}>
                    {t("admin.embedding.edit")}
                  </button>{" "}
                  <button type="button" className="link-button" onClick={() => void run(() => revokeEmbedApp(app.id))} data-testid={`embed-app-revoke-${app.id}`}>
                    {t("admin.embedding.revoke")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
