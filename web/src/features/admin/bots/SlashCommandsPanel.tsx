// Admin console → Bots → Slash commands: register an external command (its signing secret shown once) or remove one.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { SlashCommandDto } from "../../../api/types";
import { SecretOnce } from "../SecretOnce";
import { useAdminList } from "../useAdminList";
import { loadExternalCommands, registerCommand, removeCommand } from "./botActions";

export function SlashCommandsPanel() {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<string | null>(null);

  const { items, message, run } = useAdminList(loadExternalCommands);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name)).trim();
    void run(async () => {
      const created = await registerCommand(field("command"), field("url"), field("description"), field("usageHint") || null);
      setSecret(created.secret);
      form.reset();
    });
  };

  const remove = (c: SlashCommandDto) => {
    if (c.id == null || !window.confirm(t("admin.slashCommands.confirmRemove", { command: c.command }))) return;
    const id = c.id;
    void run(() => removeCommand(id));
  };

  return (
    <section data-testid="admin-slash-commands">
      <h3>{t("admin.slashCommands.title")}</h3>
      <p className="muted">{t("admin.slashCommands.intro")}</p>
      <form className="admin-card admin-form" onSubmit={submit} data-testid="slash-form">
        <label className="field">
          <span>{t("admin.slashCommands.command")}</span>
          <input name="command" required maxLength={33} pattern="/[A-Za-z][A-Za-z0-9_\-]*" placeholder="/weather" data-testid="slash-command" />
        </label>
        <label className="field">
          <span>{t("admin.slashCommands.url")}</span>
          <input name="url" type="url" required maxLength={2000} placeholder="https://weather.example.com/slack" data-testid="slash-url" />
        </label>
        <label className="field">
          <span>{t("admin.slashCommands.description")}</span>
          <input name="description" required maxLength={200} data-testid="slash-description" />
        </label>
        <label className="field">
          <span>{t("admin.slashCommands.usageHint")}</span>
          <input name="usageHint" maxLength={200} placeholder="/weather city" />
        </label>
        <button type="submit" className="primary" data-testid="slash-create">
          {t("admin.slashCommands.create")}
        </button>
      </form>
      {secret && <SecretOnce testId="slash-secret" warning={t("admin.slashCommands.secretOnce")} secret={secret} />}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t("admin.slashCommands.none")}</p>}
      {items && items.length > 0 && (
        <table className="admin-table" data-testid="slash-list">
          <thead>
            <tr>
              <th>{t("admin.slashCommands.command")}</th>
              <th>{t("admin.slashCommands.description")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.command} data-testid={`slash-${c.command.slice(1)}`}>
                <td>
                  <code>{c.command}</code>
                  {c.usage !== c.command && (
                    <>
                      <br />
                      <span className="muted small">{c.usage}</span>
                    </>
                  )}
                </td>
                <td>{c.description}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => remove(c)} data-testid={`slash-remove-${c.command.slice(1)}`}>
                    {t("admin.slashCommands.remove")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
