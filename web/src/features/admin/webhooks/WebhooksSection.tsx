// Admin console → Webhooks (integrations.manage): subscribe a URL to events, copy its signing secret once, pause or
// delete it, and read its delivery log (dead deliveries can be sent again).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { AdminConversationDto, WebhookDeliveryDto, WebhookDto } from "../../../api/types";
import { errorMessage } from "../../auth/errorMessage";
import { SecretOnce } from "../SecretOnce";
import {
  WEBHOOK_EVENTS,
  createWebhook,
  deleteWebhook,
  loadDeliveries,
  loadSubscribableConversations,
  loadWebhooks,
  parseTriggerWords,
  replayDead,
  replayDelivery,
  setWebhookEnabled,
} from "./webhookActions";

export default function WebhooksSection() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<WebhookDto[] | null>(null);
  const [conversations, setConversations] = useState<AdminConversationDto[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [deliveries, setDeliveries] = useState<WebhookDeliveryDto[] | null>(null);

  const fail = useCallback((err: unknown) => setMessage(errorMessage(t, err)), [t]);
  const reload = useCallback(() => loadWebhooks().then(setItems, fail), [fail]);
  const reloadDeliveries = useCallback((id: number) => loadDeliveries(id).then(setDeliveries, fail), [fail]);
  useEffect(() => {
    void reload();
    loadSubscribableConversations().then(setConversations, () => setConversations([]));
  }, [reload]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formElement = e.currentTarget;
    const form = new FormData(formElement);
    try {
      const created = await createWebhook({
        url: String(form.get("url")).trim(),
        events: WEBHOOK_EVENTS.filter((ev) => form.get(`event-${ev}`) === "on"),
        conversationIds: form.getAll("conversations").map(Number),
        triggerWords: parseTriggerWords(String(form.get("triggerWords") ?? "")),
      });
      setSecret(created.secret);
      setMessage(null);
      formElement.reset();
      await reload();
    } catch (err) {
      fail(err);
    }
  };

  const act = async (action: () => Promise<unknown>, thenDeliveriesOf?: number) => {
    try {
      await action();
      setMessage(null);
      await reload();
      if (thenDeliveriesOf !== undefined) await reloadDeliveries(thenDeliveriesOf);
    } catch (err) {
      fail(err);
    }
  };

  const showDeliveries = async (id: number) => {
    setOpen(id);
    setDeliveries(null);
    await reloadDeliveries(id);
  };

  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(i18n.language) : "—");
  const conversationName = (id: number) => conversations.find((c) => c.id === id)?.name ?? `#${id}`;
  const scope = (h: WebhookDto) =>
    h.conversationIds.length === 0 ? t("admin.webhooks.allConversations") : h.conversationIds.map(conversationName).join(", ");
  const openHook = items?.find((h) => h.id === open) ?? null;

  return (
    <div data-testid="admin-webhooks">
      <h2>{t("admin.sections.webhooks")}</h2>
      <p className="muted">{t("admin.webhooks.intro")}</p>
      <form className="admin-card admin-form" onSubmit={submit} data-testid="webhook-form">
        <label className="field">
          <span>{t("admin.webhooks.url")}</span>
          <input name="url" type="url" required maxLength={2000} placeholder="https://oa.example.com/parley/events" />
        </label>
        <fieldset className="role-list">
          <legend>{t("admin.webhooks.events")}</legend>
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} className="checkbox">
              <input name={`event-${ev}`} type="checkbox" defaultChecked={ev === "message.created"} /> {t(`admin.webhooks.event.${ev.replace(".", "_")}`)}
            </label>
          ))}
        </fieldset>
        {conversations.length > 0 && (
          <label className="field">
            <span>{t("admin.webhooks.conversations")}</span>
            <select name="conversations" multiple size={Math.min(5, Math.max(3, conversations.length))} data-testid="webhook-conversations">
              {conversations.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name ?? `#${c.id}`}
                </option>
              ))}
            </select>
            <small className="muted">{t("admin.webhooks.conversationsHint")}</small>
          </label>
        )}
        <label className="field">
          <span>{t("admin.webhooks.triggerWords")}</span>
          <input name="triggerWords" maxLength={1000} placeholder={t("admin.webhooks.triggerWordsPlaceholder")} />
        </label>
        <button type="submit" className="primary" data-testid="webhook-create">
          {t("admin.webhooks.create")}
        </button>
      </form>
      {secret && <SecretOnce testId="webhook-secret" warning={t("admin.webhooks.secretOnce")} secret={secret} />}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t("admin.webhooks.none")}</p>}
      {items && items.length > 0 && (
        <table className="admin-table" data-testid="webhook-list">
          <thead>
            <tr>
              <th>{t("admin.webhooks.url")}</th>
              <th>{t("admin.webhooks.events")}</th>
              <th>{t("admin.webhooks.conversations")}</th>
              <th>{t("admin.webhooks.queue")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((h) => (
              <tr key={h.id} className={h.enabled ? undefined : "inactive"} data-testid={`webhook-${h.id}`}>
                <td className="audit-details">{h.url}</td>
                <td>
                  <span className="health-cell-label">{t("admin.webhooks.events")}: </span>
                  {h.events.join(", ")}
                </td>
                <td>
                  <span className="health-cell-label">{t("admin.webhooks.conversations")}: </span>
                  {scope(h)}
                </td>
                <td>
                  <span className="health-cell-label">{t("admin.webhooks.queue")}: </span>
                  {t("admin.webhooks.counts", { pending: h.pending, dead: h.dead })}
                </td>
                <td className="actions">
                  <button type="button" className="link-button" onClick={() => void showDeliveries(h.id)} data-testid={`webhook-deliveries-${h.id}`}>
                    {t("admin.webhooks.deliveries")}
                  </button>
                  <button type="button" className="link-button" onClick={() => void act(() => setWebhookEnabled(h.id, !h.enabled))} data-testid={`webhook-toggle-${h.id}`}>
                    {h.enabled ? t("admin.webhooks.disable") : t("admin.webhooks.enable")}
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      if (open === h.id) setOpen(null);
                      void act(() => deleteWebhook(h.id));
                    }}
                    data-testid={`webhook-delete-${h.id}`}
                  >
                    {t("admin.webhooks.delete")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openHook && (
        <section className="admin-card" data-testid="webhook-delivery-log">
          <h3>{t("admin.webhooks.logTitle", { url: openHook.url })}</h3>
          <div className="admin-toolbar">
            <button type="button" onClick={() => void act(() => Promise.resolve(), openHook.id)} data-testid="webhook-log-refresh">
              {t("admin.webhooks.refresh")}
            </button>
            {openHook.dead > 0 && (
              <button type="button" onClick={() => void act(() => replayDead(openHook.id), openHook.id)} data-testid="webhook-replay-dead">
                {t("admin.webhooks.replayDead", { count: openHook.dead })}
              </button>
            )}
          </div>
          {deliveries && deliveries.length === 0 && <p className="muted">{t("admin.webhooks.noDeliveries")}</p>}
          {deliveries && deliveries.length > 0 && (
            <table className="admin-table">
              <thead>
                <tr>
                  <th>{t("admin.webhooks.created")}</th>
                  <th>{t("admin.webhooks.event.title")}</th>
                  <th>webhook-id</th>
                  <th>{t("admin.webhooks.status.title")}</th>
                  <th>{t("admin.webhooks.lastResult")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} data-testid={`webhook-delivery-${d.id}`}>
                    <td>{when(d.createdAt)}</td>
                    <td>{d.eventType}</td>
                    <td>
                      <span className="health-cell-label">webhook-id: </span>
                      <code>{d.webhookId}</code>
                    </td>
                    <td>{t(`admin.webhooks.status.${d.status}`, { count: d.attempts })}</td>
                    <td className="audit-details">
                      <span className="health-cell-label">{t("admin.webhooks.lastResult")}: </span>
                      {d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : "—")}
                    </td>
                    <td className="actions">
                      {d.status === "dead" && (
                        <button type="button" className="link-button" onClick={() => void act(() => replayDelivery(openHook.id, d.id), openHook.id)}>
                          {t("admin.webhooks.replay")}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
