// Admin console → Bots: bot users for integrations, each with a token (shown once, here) limited to chosen scopes.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { BotDto } from "../../../api/types";
import { BotBadge } from "../../directory/BotBadge";
import { SecretOnce } from "../SecretOnce";
import { useAdminList } from "../useAdminList";
import { createBot, loadBots, rotateBotToken, setBotActive } from "./botActions";
import { SlashCommandsPanel } from "./SlashCommandsPanel";

/** The scopes a bot token can carry (Contracts/Bots.cs BotScopes), in the server's order. */
const scopes = ["messages:write", "messages:read", "reactions:write", "files:write", "conversations:read"] as const;
// ":" separates i18next namespaces, so the labels' keys use "_".
const scopeKey = (s: string) => `admin.bots.scopeNames.${s.replace(":", "_")}`;

export default function BotsSection() {
  const { t } = useTranslation();
  const [token, setToken] = useState<string | null>(null);

  const { items, message, run } = useAdminList(loadBots);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const displayName = String(data.get("displayName")).trim();
    void run(async () => {
      const created = await createBot(String(data.get("username")).trim(), displayName || null, data.getAll("scope").map(String));
      setToken(created.token);
      form.reset();
    });
  };

  const rotate = (bot: BotDto) => {
    if (!window.confirm(t("admin.bots.confirmRotate", { name: bot.displayName }))) return;
    void run(async () => setToken((await rotateBotToken(bot.id)).token));
  };

  return (
    <div data-testid="admin-bots">
      <h2>{t("admin.sections.bots")}</h2>
      <p className="muted">{t("admin.bots.intro")}</p>
      <form className="admin-card admin-form" onSubmit={submit} data-testid="bot-form">
        <label className="field">
          <span>{t("admin.bots.username")}</span>
          <input name="username" required maxLength={64} pattern="[A-Za-z0-9._\-]+" placeholder="ci-bot" data-testid="bot-username" />
        </label>
        <label className="field">
          <span>{t("admin.bots.displayName")}</span>
          <input name="displayName" maxLength={100} placeholder="CI" />
        </label>
        <fieldset className="field bot-scopes">
          <legend>{t("admin.bots.scopes")}</legend>
          {scopes.map((s) => (
            <label key={s} className="checkbox">
              <input type="checkbox" name="scope" value={s} defaultChecked={s === "messages:write"} /> {t(scopeKey(s))} <code className="muted small">{s}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" data-testid="bot-create">
          {t("admin.bots.create")}
        </button>
      </form>
      {token && <SecretOnce testId="bot-token" warning={t("admin.bots.tokenOnce")} secret={token} />}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t("admin.bots.none")}</p>}
      {items && items.length > 0 && (
        <table className="admin-table" data-testid="bot-list">
          <thead>
            <tr>
              <th>{t("admin.bots.displayName")}</th>
              <th>{t("admin.bots.scopes")}</th>
              <th>{t("admin.users.status")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.id} className={b.isActive ? undefined : "inactive"} data-testid={`bot-${b.id}`}>
                <td>
                  {b.displayName} <BotBadge />
                  <br />
                  <span className="muted small">@{b.username}</span>
                </td>
                <td className="bot-scope-list">{b.scopes.length ? b.scopes.map((s) => t(scopeKey(s), { defaultValue: s })).join(" · ") : "—"}</td>
                <td>{b.isActive ? t("admin.users.active") : t("admin.users.inactive")}</td>
                <td>
                  <div className="bot-actions">
                    {b.isActive && (
                      <button type="button" className="link-button" onClick={() => rotate(b)} data-testid={`bot-rotate-${b.id}`}>
                        {t("admin.bots.rotate")}
                      </button>
                    )}
                    <button type="button" className="link-button" onClick={() => void run(() => setBotActive(b.id, !b.isActive))} data-testid={`bot-toggle-${b.id}`}>
                      {b.isActive ? t("admin.bots.deactivate") : t("admin.bots.activate")}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SlashCommandsPanel />
    </div>
  );
}
