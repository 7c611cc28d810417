// Members panel → Integrations: the conversation's incoming webhooks. Add one (its URL and signing secret are shown
// this once, with a curl line to try it), see when each was last used, revoke it.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/http";
import type { ConversationDto, CreatedIncomingWebhookDto, IncomingWebhookDto } from "../../api/types";
import { useChat } from "../../core";
import { errorMessage } from "../auth/errorMessage";
import { SecretOnce } from "../admin/SecretOnce";
import "./integrations.css";
import { canManageIncomingWebhooks, createIncomingWebhook, curlExample, loadIncomingWebhooks, revokeIncomingWebhook } from "./incomingWebhookActions";

export function IncomingWebhooksPart({ conversation }: { conversation: ConversationDto }) {
  const permissions = useChat((s) => s.me?.permissions ?? undefined);
  if (!canManageIncomingWebhooks(conversation, permissions)) return null;
  return <HooksList conversationId={conversation.id} />;
}

function HooksList({ conversationId }: { conversationId: number }) {
  const { t, i18n } = useTranslation();
  const [hooks, setHooks] = useState<IncomingWebhookDto[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedIncomingWebhookDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback((err: unknown) => setError(errorMessage(t, err)), [t]);
  const reload = useCallback(() => loadIncomingWebhooks(conversationId).then(setHooks, fail), [conversationId, fail]);
  useEffect(() => {
    setCreated(null);
    setHooks(null);
    void reload();
  }, [reload]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    try {
      setCreated(await createIncomingWebhook(conversationId, String(form.get("name") ?? ""), String(form.get("actionUrl") ?? "")));
      setAdding(false);
      await reload();
    } catch (err) {
      // The part is never shown in direct conversations, so a 409 here means the conversation has its maximum of hooks.
      if (err instanceof ApiError && err.status === 409) setError(t("integrations.tooMany"));
      else fail(err);
    }
  };

  const revoke = async (hook: IncomingWebhookDto) => {
    if (!window.confirm(t("integrations.confirmRevoke", { name: hook.name }))) return;
    setError(null);
    try {
      await revokeIncomingWebhook(conversationId, hook.id);
      if (created?.id === hook.id) setCreated(null);
      await reload();
    } catch (err) {
      fail(err);
    }
  };

  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  return (
    <section className="integrations-part" data-testid="integrations-part">
      <h3 className="panel-subtitle">{t("integrations.title")}</h3>
      <p className="muted small">{t("integrations.intro")}</p>
      {hooks && hooks.length === 0 && <p className="muted small">{t("integrations.none")}</p>}
      {hooks && hooks.length > 0 && (
        <ul className="plain-list hook-list" data-testid="incoming-webhook-list">
          {hooks.map((h) => (
            <li key={h.id} className="row hook-row" data-testid="incoming-webhook">
              <span className="grow hook-text">
                <strong className="hook-name">{h.name}</strong>
                <span className="muted small">
                  {t("integrations.created", { when: when(h.createdAt) })} ·{" "}
                  {h.lastUsedAt ? t("integrations.lastUsed", { when: when(h.lastUsedAt) }) : t("integrations.neverUsed")}
                </span>
                {h.actionUrl && <span className="muted small hook-url">{t("integrations.actionUrlShort", { url: h.actionUrl })}</span>}
              </span>
              <button type="button" className="danger" onClick={() => void revoke(h)} aria-label={t("integrations.revokeNamed", { name: h.name })}>
                {t("integrations.revoke")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {created && (
        <SecretOnce testId="incoming-webhook-secret" warning={t("integrations.secretOnce")} secret={created.url}>
          <span className="muted small">{t("integrations.signingSecret")}</span>
          <code className="secret" data-testid="incoming-webhook-signing-secret">
            {created.signingSecret}
          </code>
          <span className="muted small">{t("integrations.tryIt")}</span>
          <code className="secret" data-testid="incoming-webhook-curl">
            {curlExample(created.url, t("integrations.sampleText"))}
          </code>
          <button type="button" onClick={() => setCreated(null)}>
            {t("integrations.done")}
          </button>
        </SecretOnce>
      )}
      {adding ? (
        <form className="settings-form" onSubmit={(e) => void submit(e)} data-testid="incoming-webhook-form">
          <label className="field">
            <span>{t("integrations.name")}</span>
            <input name="name" required maxLength={80} placeholder={t("integrations.namePlaceholder")} />
          </label>
          <label className="field">
            <span>{t("integrations.actionUrl")}</span>
            <input name="actionUrl" type="url" maxLength={2000} placeholder="https://oa.example.com/parley/actions" />
            <small className="muted">{t("integrations.actionUrlHint")}</small>
          </label>
          <div className="row">
            <button type="button" onClick={() => setAdding(false)}>
              {t("common.cancel")}
            </button>
            <button type="submit" className="primary" data-testid="incoming-webhook-create">
              {t("integrations.create")}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setAdding(true)} data-testid="incoming-webhook-add">
          {t("integrations.add")}
        </button>
      )}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
