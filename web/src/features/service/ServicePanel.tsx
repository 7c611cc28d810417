// The service conversation's side panel in the workspace: who the visitor is (page, referrer, browser, earlier
// conversations, the skills the conversation requires), internal notes (agents only, never in the conversation),
// translation, transfer to an agent or a queue, and close with a summary. Everything shown is the visitor's own text,
// rendered as text.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { navigate, servicePath } from "../../app/route";
import { serviceApi } from "../../api/service";
import type { ServiceCannedReplyDto, ServiceConversationDto, ServiceNoteDto, ServiceQueueDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { sendMessage } from "../messages/messageActions";
import { errorMessage } from "../auth/errorMessage";
import { onServiceEvent } from "./events";
import { matchCanned, transferTargets } from "./serviceView";
import { coversSkills } from "./skills";
import { SkillTags } from "./SkillTags";
import { ServiceAssistant } from "./ServiceAssistant";
import { ServiceTranslation } from "./ServiceTranslation";

export function ServicePanel({
  conversationId, queues, canned, onChanged,
}: { conversationId: number; queues: ServiceQueueDto[]; canned: readonly ServiceCannedReplyDto[]; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useChat((s) => s.me);
  const users = useChat((s) => s.users);
  const [conversation, setConversation] = useState<ServiceConversationDto | null>(null);
  const [notes, setNotes] = useState<ServiceNoteDto[]>([]);
  const [note, setNote] = useState("");
  const [summary, setSummary] = useState("");
  const [target, setTarget] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [cannedQuery, setCannedQuery] = useState("");
  const core = useCore();

  const load = useCallback(async () => {
    try {
      const [c, n] = await Promise.all([serviceApi.conversation(conversationId), serviceApi.notes(conversationId)]);
      setConversation(c);
      setNotes(n.items);
    } catch (err) {
      setMessage(errorMessage(t, err));
    }
  }, [conversationId, t]);
  useEffect(() => {
    void load();
    return onServiceEvent(() => void load());
  }, [load]);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      setMessage(done ?? null);
      onChanged();
      await load();
      return true;
    } catch (err) {
      setMessage(errorMessage(t, err));
      return false;
    }
  };

  const addNote = async (e: FormEvent) => {
    e.preventDefault();
    const text = note.trim();
    if (text && (await run(() => serviceApi.addNote(conversationId, text)))) setNote("");
  };

  const transfer = async (e: FormEvent) => {
    e.preventDefault();
    const [kind, id] = target.split(":");
    if (!id) return;
    const to = kind === "agent" ? { toUserId: Number(id) } : { toQueueId: Number(id) };
    if (await run(() => serviceApi.transfer(conversationId, to), t("service.panel.transferDone"))) setTarget("");
  };

  const close = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => serviceApi.close(conversationId, summary.trim() || null), t("service.panel.closed"))) {
      setSummary("");
      navigate(servicePath("mine"));
    }
  };

  const queue = queues.find((q) => q.id === conversation?.queueId);
  const agents = queue && me ? transferTargets(queue.agents, me.id) : [];
  const otherQueues = queues.filter((q) => q.id !== conversation?.queueId);
  const required = conversation?.requiredSkills ?? [];
  const open = conversation !== null && conversation.state !== "closed";
  const v = conversation?.visitor;
  const dash = t("service.panel.none");
  const author = (id: number) => users[id]?.displayName ?? queue?.agents.find((a) => a.userId === id)?.displayName ?? `#${id}`;

  return (
    <aside className="service-panel" aria-label={t("service.panel.title")} data-testid="service-panel">
      <h2>{t("service.panel.visitor")}</h2>
      {v && (
        <dl className="service-visitor" data-testid="service-visitor">
          <dt>{t("service.panel.name")}</dt>
          <dd data-testid="service-visitor-name">{v.name}</dd>
          <dt>{t("service.panel.email")}</dt>
          <dd>{v.email || dash}</dd>
          <dt>{t("service.panel.page")}</dt>
          <dd data-testid="service-visitor-page">{v.page || dash}</dd>
          <dt>{t("service.panel.referrer")}</dt>
          <dd>{v.referrer || dash}</dd>
          <dt>{t("service.panel.userAgent")}</dt>
          <dd className="service-ua">{v.userAgent || dash}</dd>
          <dt>{t("service.panel.previous")}</dt>
          <dd>{conversation.previous}</dd>
          <dt>{t("service.skills.required")}</dt>
          <dd data-testid="service-required-skills">
            {conversation.requiredSkills.length > 0 ? <SkillTags skills={conversation.requiredSkills} label={t("service.skills.required")} /> : dash}
          </dd>
          <dt>{t("service.panel.state")}</dt>
          <dd data-testid="service-state" data-state={conversation.state}>
            {t(`service.states.${conversation.state}`)}
          </dd>
          {conversation.state === "closed" && (
            <>
              <dt>{t("service.panel.rating")}</dt>
              <dd>{conversation.rating ? `${"★".repeat(conversation.rating)} ${conversation.ratingComment ?? ""}` : t("service.panel.notRated")}</dd>
            </>
          )}
        </dl>
      )}
      {message && (
        <p className="notice" role="status" data-testid="service-panel-message">
          {message}
        </p>
      )}
      <h2>{t("service.panel.notes")}</h2>
      <p className="muted service-hint">{t("service.panel.notesHint")}</p>
      {notes.length === 0 ? (
        <p className="muted">{t("service.panel.noNotes")}</p>
      ) : (
        <ul className="service-notes" data-testid="service-notes">
          {notes.map((n) => (
            <li key={n.id}>
              <span className="service-note-text">{n.text}</span>
              <small className="muted">
                {author(n.authorId)} · {new Date(n.createdAt).toLocaleString(i18n.language)}
              </small>
            </li>
          ))}
        </ul>
      )}
      <form className="service-form" onSubmit={(e) => void addNote(e)}>
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={4000} placeholder={t("service.panel.notePlaceholder")} aria-label={t("service.panel.notes")} data-testid="service-note-text" />
        <button type="submit" disabled={!note.trim()} data-testid="service-note-add">
          {t("service.panel.addNote")}
        </button>
      </form>
      <h2>{t("service.translation.title")}</h2>
      <ServiceTranslation conversationId={conversationId} open={open} />
      <ServiceAssistant conversationId={conversationId} open={open} />
      {open && canned.length > 0 && (
        <>
          <h2>{t("service.panel.canned")}</h2>
          <input
            type="search"
            value={cannedQuery}
            onChange={(e) => setCannedQuery(e.target.value)}
            placeholder={t("service.panel.cannedFilter")}
            aria-label={t("service.panel.cannedFilter")}
            data-testid="service-canned-filter"
          />
          <ul className="service-canned" data-testid="service-canned">
            {matchCanned(canned, cannedQuery).slice(0, 8).map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="service-canned-item"
                  onClick={() => {
                    sendMessage(core, conversationId, r.text);
                    setCannedQuery("");
                  }}
                  title={t("service.panel.cannedSend")}
                  data-testid={`service-canned-${r.shortcut}`}
                >
                  <code>/{r.shortcut}</code> <span>{r.text}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {open && (
        <>
          <h2>{t("service.panel.transfer")}</h2>
          <form className="service-form" onSubmit={(e) => void transfer(e)}>
            <select value={target} onChange={(e) => setTarget(e.target.value)} aria-label={t("service.panel.transfer")} data-testid="service-transfer-target">
              <option value="">{t("service.panel.choose")}</option>
              {agents.length > 0 && (
                <optgroup label={t("service.panel.toAgent")}>
                  {agents.map((a) => (
                    <option key={a.userId} value={`agent:${a.userId}`}>
                      {a.displayName} ({a.open}/{a.capacity})
                      {required.length > 0 && coversSkills(a.skills, required) ? ` · ${t("service.skills.matches")}` : ""}
                    </option>
                  ))}
                </optgroup>
              )}
              {otherQueues.length > 0 && (
                <optgroup label={t("service.panel.toQueue")}>
                  {otherQueues.map((q) => (
                    <option key={q.id} value={`queue:${q.id}`}>
                      {q.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
            <button type="submit" disabled={!target} data-testid="service-transfer">
              {t("service.panel.transfer")}
            </button>
          </form>
          <h2>{t("service.panel.close")}</h2>
          <form className="service-form" onSubmit={(e) => void close(e)}>
            <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={2} maxLength={4000} placeholder={t("service.panel.summary")} aria-label={t("service.panel.summary")} data-testid="service-summary" />
            <button type="submit" className="danger" data-testid="service-close">
              {t("service.panel.closeButton")}
            </button>
          </form>
        </>
      )}
    </aside>
  );
}
