// Admin console → Customer service (issue 18; docs/customer-service.md): widgets (the snippet to paste into a site,
// the identity secret shown once; every field editable, required skills included), and queues with their agents,
// capacities and skills. The server checks service.manage.
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { usersApi } from "../../../api/endpoints";
import { serviceApi } from "../../../api/service";
import type { ServiceAgentDto, ServiceQueueDto, ServiceRouting, ServiceWidgetDto } from "../../../api/types";
import type { UserDto } from "../../../api/types";
import { useAdminList } from "../useAdminList";
import { SecretOnce } from "../SecretOnce";
import { widgetEditBody, widgetFormBody, widgetSnippet } from "./snippet";
import { formatSkills, parseSkills } from "../../service/skills";
import { SkillTags } from "../../service/SkillTags";
import "../../service/service.css";

const loadWidgets = async () => (await serviceApi.widgets()).items;
const loadQueues = async () => (await serviceApi.queues()).items;
const loadCanned = async () => (await serviceApi.cannedReplies()).items;

export default function ServiceSection() {
  const { t } = useTranslation();
  const widgetList = useAdminList(loadWidgets);
  const queueList = useAdminList(loadQueues);
  const cannedList = useAdminList(loadCanned);
  const widgets = widgetList.items;
  const queues = queueList.items ?? [];
  const [created, setCreated] = useState<ServiceWidgetDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const message = widgetList.message ?? queueList.message ?? cannedList.message ?? notice;
  /** Queue changes show in the widget list's queue names too. */
  const runOnQueues = async (action: () => Promise<unknown>) => {
    const done = await queueList.run(action);
    await widgetList.run(async () => undefined);
    return done;
  };

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = widgetFormBody(new FormData(form));
    await widgetList.run(async () => {
      setCreated(await serviceApi.createWidget(body));
      form.reset();
    });
    // The first widget may have created the default queue.
    await queueList.run(async () => undefined);
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNotice(t("service.admin.copied"));
    } catch {
      setNotice(t("service.admin.copyFailed"));
    }
  };

  const save = async (e: FormEvent<HTMLFormElement>, id: number) => {
    e.preventDefault();
    const body = widgetEditBody(new FormData(e.currentTarget));
    if (await widgetList.run(() => serviceApi.updateWidget(id, body))) {
      setEditing(null);
      setNotice(t("service.admin.widgetSaved"));
    }
  };

  const snippet = (id: number) => widgetSnippet(window.location.origin, id);
  const queueName = (id: number) => queues.find((q) => q.id === id)?.name ?? `#${id}`;

  return (
    <div data-testid="admin-service">
      <h2>{t("admin.sections.service")}</h2>
      <p className="muted">{t("service.admin.intro")}</p>
      {message && (
        <p className="notice" role="status" data-testid="service-admin-message">
          {message}
        </p>
      )}
      <h3>{t("service.admin.widgets")}</h3>
      <form className="admin-card admin-form" onSubmit={(e) => void create(e)} data-testid="service-widget-form">
        <WidgetFields queues={queues} testPrefix="service-widget" />
        <button type="submit" className="primary" data-testid="service-widget-create">
          {t("service.admin.create")}
        </button>
      </form>
      {created?.identitySecret && (
        <SecretOnce testId="service-widget-secret" warning={t("service.admin.secretOnce")} secret={created.identitySecret}>
          <p>{t("service.admin.snippet")}</p>
          <code className="secret" data-testid="service-widget-snippet">
            {snippet(created.id)}
          </code>
          <button type="button" onClick={() => void copy(snippet(created.id))}>
            {t("service.admin.copy")}
          </button>
        </SecretOnce>
      )}
      {widgets && widgets.length === 0 && <p className="muted">{t("service.admin.noWidgets")}</p>}
      {widgets && widgets.length > 0 && (
        <ul className="service-admin-list" data-testid="service-widget-list">
          {widgets.map((w) => (
            <li key={w.id} className="admin-card" data-testid={`service-widget-${w.id}`}>
              <div className="service-admin-head">
                <span className="service-swatch" style={{ background: w.color ?? "#2563eb" }} aria-hidden="true" />
                <strong>{w.name}</strong>
                <span className="muted">
                  {t("service.admin.queue")}: {queueName(w.queueId)}
                </span>
              </div>
              {editing === w.id ? (
                <form className="admin-form service-widget-edit" onSubmit={(e) => void save(e, w.id)} aria-label={t("service.admin.editWidget", { name: w.name })} data-testid={`service-widget-edit-form-${w.id}`}>
                  <WidgetFields widget={w} queues={queues} testPrefix="service-widget-edit" />
                  <div className="row wrap">
                    <button type="submit" className="primary" data-testid="service-widget-save">
                      {t("common.save")}
                    </button>
                    <button type="button" onClick={() => setEditing(null)}>
                      {t("common.cancel")}
                    </button>
                  </div>
                </form>
              ) : (
                <>
                  <WidgetSummary widget={w} />
                  <code className="service-snippet">{snippet(w.id)}</code>
                  <div className="row wrap">
                    <button type="button" onClick={() => void copy(snippet(w.id))} data-testid={`service-widget-copy-${w.id}`}>
                      {t("service.admin.copy")}
                    </button>
                    <button type="button" onClick={() => setEditing(w.id)} aria-label={t("service.admin.editWidget", { name: w.name })} data-testid={`service-widget-edit-${w.id}`}>
                      {t("service.admin.edit")}
                    </button>
                    <button type="button" className="danger" onClick={() => void widgetList.run(() => serviceApi.deleteWidget(w.id))}>
                      {t("service.admin.delete")}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("service.admin.queues")}</h3>
      <QueueForm onCreate={(name, routing) => runOnQueues(() => serviceApi.createQueue(name, routing))} />
      {queues.length === 0 && <p className="muted">{t("service.admin.noQueues")}</p>}
      {queues.map((q) => (
        <section key={q.id} className="admin-card" data-testid={`service-queue-${q.id}`}>
          <h3>
            {q.name} <span className="muted">· {t(`service.routing.${q.routing}`)}</span>
          </h3>
          {q.agents.length === 0 ? (
            <p className="muted">{t("service.admin.noAgents")}</p>
          ) : (
            <ul className="service-agents">
              {q.agents.map((a) => (
                <AgentRow
                  key={a.userId}
                  queue={q}
                  agent={a}
                  onSave={(capacity, skills) => runOnQueues(() => serviceApi.setAgent(q.id, a.userId, capacity, skills))}
                  onRemove={() => runOnQueues(() => serviceApi.removeAgent(q.id, a.userId))}
                />
              ))}
            </ul>
          )}
          <AgentForm queueId={q.id} onAdd={(userId, capacity, skills) => runOnQueues(() => serviceApi.setAgent(q.id, userId, capacity, skills))} />
        </section>
      ))}
      <h3>{t("service.admin.canned")}</h3>
      <CannedForm onAdd={(shortcut, text) => cannedList.run(() => serviceApi.addCannedReply(shortcut, text))} />
      {cannedList.items && cannedList.items.length > 0 && (
        <ul className="service-agents" data-testid="service-canned-list">
          {cannedList.items.map((r) => (
            <li key={r.id}>
              <code>/{r.shortcut}</code> {r.text}{" "}
              <button type="button" className="link-button" onClick={() => void cannedList.run(() => serviceApi.deleteCannedReply(r.id))}>
                {t("service.admin.delete")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The widget's settings beside its name: greetings, logo, origins and required skills. */
function WidgetSummary({ widget: w }: { widget: ServiceWidgetDto }) {
  const { t } = useTranslation();
  const greetings = [w.greeting, w.greetingZh].filter(Boolean).join(" · ");
  return (
    <>
      {greetings && (
        <p className="muted service-admin-greeting" data-testid={`service-widget-greeting-${w.id}`}>
          {t("service.admin.greetingShort")}: {greetings}
        </p>
      )}
      {w.allowedOrigins.length > 0 && (
        <p className="muted">
          {t("service.admin.origins")}:{" "}
          {w.allowedOrigins.map((o) => (
            <code key={o} className="embed-origin">
              {o}
            </code>
          ))}
        </p>
      )}
      {w.requiredSkills.length > 0 && (
        <div className="service-admin-skills muted">
          {t("service.admin.requiredSkills")}: <SkillTags skills={w.requiredSkills} label={t("service.admin.requiredSkills")} testId={`service-widget-skills-${w.id}`} />
        </div>
      )}
    </>
  );
}

/**
 * The widget's fields, for the create form (empty, "the first queue" allowed) and the edit form (the widget's values).
 * Uncontrolled: the forms read them with FormData (snippet.ts).
 */
function WidgetFields({ widget, queues, testPrefix }: { widget?: ServiceWidgetDto; queues: readonly ServiceQueueDto[]; testPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span>{t("service.admin.name")}</span>
        <input name="name" required maxLength={100} defaultValue={widget?.name} data-testid={`${testPrefix}-name`} />
      </label>
      <label className="field">
        <span>{t("service.admin.queue")}</span>
        <select name="queueId" defaultValue={widget?.queueId ?? ""}>
          {!widget && <option value="">{t("service.admin.defaultQueue")}</option>}
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field service-color-field">
        <span>{t("service.admin.color")}</span>
        <input name="color" type="color" defaultValue={widget?.color ?? "#2563eb"} />
      </label>
      <label className="field">
        <span>{t("service.admin.greeting")}</span>
        <input name="greeting" maxLength={500} placeholder="Hi! How can we help?" defaultValue={widget?.greeting ?? ""} data-testid={`${testPrefix}-greeting`} />
      </label>
      <label className="field">
        <span>{t("service.admin.greetingZh")}</span>
        <input name="greetingZh" maxLength={500} placeholder="您好，请问有什么可以帮您？" defaultValue={widget?.greetingZh ?? ""} data-testid={`${testPrefix}-greeting-zh`} />
      </label>
      <label className="field">
        <span>{t("service.admin.logoUrl")}</span>
        <input name="logoUrl" type="url" maxLength={1000} placeholder="https://www.example.com/logo.png" defaultValue={widget?.logoUrl ?? ""} />
      </label>
      <label className="field">
        <span>{t("service.admin.origins")}</span>
        <textarea name="origins" rows={2} placeholder="https://www.example.com" defaultValue={widget?.allowedOrigins.join("\n") ?? ""} data-testid={`${testPrefix}-origins`} />
        <small className="muted">{t("service.admin.originsHint")}</small>
      </label>
      <label className="field">
        <span>{t("service.admin.requiredSkills")}</span>
        <input name="skills" maxLength={400} placeholder={t("service.admin.skillsPlaceholder")} defaultValue={formatSkills(widget?.requiredSkills)} data-testid={`${testPrefix}-skills`} />
        <small className="muted">{t("service.admin.requiredSkillsHint")}</small>
      </label>
    </>
  );
}

/** An agent of a queue: load and skills, edited in place (capacity and skills), or removed. */
function AgentRow({
  queue, agent: a, onSave, onRemove,
}: { queue: ServiceQueueDto; agent: ServiceAgentDto; onSave: (capacity: number, skills: string[]) => Promise<boolean>; onRemove: () => Promise<boolean> }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [capacity, setCapacity] = useState(a.capacity);
  const [skills, setSkills] = useState(formatSkills(a.skills));
  const open = () => {
    setCapacity(a.capacity);
    setSkills(formatSkills(a.skills));
    setEditing(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onSave(capacity, parseSkills(skills))) setEditing(false);
  };
  const testId = `service-agent-${queue.id}-${a.userId}`;
  return (
    <li className="service-agent-row" data-testid={testId}>
      <span className="service-agent-line">
        <strong>{a.displayName}</strong> <span className="muted">· {t("service.admin.capacity")} {a.capacity}</span>
        <SkillTags skills={a.skills} label={t("service.skills.agentLabel", { name: a.displayName })} />
      </span>
      {editing ? (
        <form className="admin-inline-form service-agent-edit" onSubmit={(e) => void submit(e)} aria-label={t("service.admin.editAgent", { name: a.displayName })} data-testid={`${testId}-form`}>
          <label className="service-capacity">
            {t("service.admin.capacity")}{" "}
            <input type="number" min={1} max={100} value={capacity} onChange={(e) => setCapacity(Math.max(1, Number(e.target.value) || 1))} data-testid="service-agent-capacity" />
          </label>
          <label className="service-agent-skills">
            {t("service.admin.skills")}{" "}
            <input value={skills} onChange={(e) => setSkills(e.target.value)} maxLength={400} placeholder={t("service.admin.skillsPlaceholder")} data-testid="service-agent-skills" />
          </label>
          <button type="submit" className="primary" data-testid="service-agent-save">
            {t("common.save")}
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            {t("common.cancel")}
          </button>
        </form>
      ) : (
        <span className="service-agent-actions">
          <button type="button" className="link-button" onClick={open} aria-label={t("service.admin.editAgent", { name: a.displayName })} data-testid={`${testId}-edit`}>
            {t("service.admin.edit")}
          </button>
          <button type="button" className="link-button" onClick={() => void onRemove()}>
            {t("service.admin.removeAgent")}
          </button>
        </span>
      )}
    </li>
  );
}

function CannedForm({ onAdd }: { onAdd: (shortcut: string, text: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    await onAdd(String(data.get("shortcut")).trim().replace(/^\//, ""), String(data.get("text")).trim());
    form.reset();
  };
  return (
    <form className="admin-card admin-inline-form" onSubmit={(e) => void submit(e)} data-testid="service-canned-form">
      <input name="shortcut" required maxLength={32} pattern="/?[\p{L}\p{N}_\-]+" placeholder={t("service.admin.shortcut")} aria-label={t("service.admin.shortcut")} />
      <input name="text" required maxLength={2000} className="grow" placeholder={t("service.admin.cannedText")} aria-label={t("service.admin.cannedText")} />
      <button type="submit">{t("service.admin.addCanned")}</button>
    </form>
  );
}

function QueueForm({ onCreate }: { onCreate: (name: string, routing: ServiceRouting) => Promise<unknown> }) {
  const { t } = useTranslation();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    await onCreate(String(data.get("name")).trim(), data.get("routing") === "least_busy" ? "least_busy" : "round_robin");
    form.reset();
  };
  return (
    <form className="admin-card admin-inline-form" onSubmit={(e) => void submit(e)} data-testid="service-queue-form">
      <input name="name" required maxLength={100} placeholder={t("service.admin.queueName")} aria-label={t("service.admin.queueName")} />
      <select name="routing" aria-label={t("service.supervisor.routing")} defaultValue="round_robin">
        <option value="round_robin">{t("service.routing.round_robin")}</option>
        <option value="least_busy">{t("service.routing.least_busy")}</option>
      </select>
      <button type="submit">{t("service.admin.createQueue")}</button>
    </form>
  );
}

/** Find a user by name, pick one, give a capacity and skills. */
function AgentForm({ queueId, onAdd }: { queueId: number; onAdd: (userId: number, capacity: number, skills: string[]) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<UserDto[]>([]);
  const [userId, setUserId] = useState("");
  const [capacity, setCapacity] = useState(3);
  const [skills, setSkills] = useState("");

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      usersApi.search(q, 10).then(
        (r) => {
          setFound(r.items);
          setUserId(r.items[0] ? String(r.items[0].id) : "");
        },
        () => setFound([]),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!userId) return;
    if (!(await onAdd(Number(userId), capacity, parseSkills(skills)))) return;
    setQuery("");
    setUserId("");
    setSkills("");
  };

  return (
    <form className="admin-inline-form service-agent-form" onSubmit={(e) => void submit(e)} data-testid={`service-agent-form-${queueId}`}>
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("service.admin.agentSearch")} aria-label={t("service.admin.agentSearch")} />
      <select value={userId} onChange={(e) => setUserId(e.target.value)} aria-label={t("service.panel.toAgent")}>
        <option value="">{t("service.panel.choose")}</option>
        {found.map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName} (@{u.username})
          </option>
        ))}
      </select>
      <label className="service-capacity">
        {t("service.admin.capacity")}{" "}
        <input type="number" min={1} max={100} value={capacity} onChange={(e) => setCapacity(Math.max(1, Number(e.target.value) || 1))} />
      </label>
      <input value={skills} onChange={(e) => setSkills(e.target.value)} maxLength={400} placeholder={t("service.admin.skillsPlaceholder")} aria-label={t("service.admin.skills")} />
      <button type="submit" disabled={!userId}>
        {t("service.admin.addAgent")}
      </button>
    </form>
  );
}
