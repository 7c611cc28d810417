// The customer-service workspace (#/service, issue 18; docs/customer-service.md): the queues with their waiting
// counts, the waiting conversations (accept), mine (each opens in the normal conversation view with the service side
// panel), and for managers a supervisor tab (live counts, waiting times, agents' load, satisfaction). The lists reload
// when a service event arrives for this user, and every 15 s for the waiting times.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { navigate, servicePath, type ServiceTab } from "../../app/route";
import { ApiError } from "../../api/http";
import { serviceApi } from "../../api/service";
import type { ServiceCannedReplyDto, ServiceConversationDto, ServiceQueueDto, ServiceStatsDto } from "../../api/types";
import { useChat } from "../../core";
import { errorMessage } from "../auth/errorMessage";
import { ConversationView } from "../messages/ConversationView";
import { onServiceEvent } from "./events";
import { ServicePanel } from "./ServicePanel";
import { SkillTags } from "./SkillTags";
import { canSupervise, durationParts, orderWaiting, waitedSeconds } from "./serviceView";
import "./service.css";

export default function ServiceWorkspace({ tab, conversationId }: { tab: ServiceTab; conversationId: number | null }) {
  const { t } = useTranslation();
  const me = useChat((s) => s.me);
  const [queues, setQueues] = useState<ServiceQueueDto[] | null>(null);
  const [waiting, setWaiting] = useState<ServiceConversationDto[]>([]);
  const [mine, setMine] = useState<ServiceConversationDto[]>([]);
  const [stats, setStats] = useState<ServiceStatsDto | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  // Canned replies: the panel's list and the composer's "/" + shortcut (loaded once; the console edits them).
  const [canned, setCanned] = useState<ServiceCannedReplyDto[]>([]);
  const supervisor = canSupervise(me);

  useEffect(() => {
    serviceApi.cannedReplies().then((r) => setCanned(r.items), () => setCanned([]));
  }, []);

  const reload = useCallback(async () => {
    try {
      const [q, w, m] = await Promise.all([serviceApi.queues(), serviceApi.conversations("waiting", false), serviceApi.conversations("assigned", true)]);
      setQueues(q.items);
      setWaiting(w.items);
      setMine(m.items);
      if (supervisor) setStats(await serviceApi.stats());
      setNow(Date.now());
    } catch (err) {
      setMessage(errorMessage(t, err));
    }
  }, [supervisor, t]);

  useEffect(() => {
    void reload();
    const stop = onServiceEvent(() => void reload());
    const timer = setInterval(() => void reload(), 15_000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [reload]);

  const accept = async (id: number) => {
    try {
      await serviceApi.accept(id);
      setMessage(null);
      navigate(servicePath(id));
    } catch (err) {
      setMessage(err instanceof ApiError && err.code === "service_already_assigned" ? t("service.alreadyTaken") : errorMessage(t, err));
    }
    void reload();
  };

  const duration = (seconds: number) => {
    const { key, count } = durationParts(seconds);
    return t(key, { count });
  };

  if (conversationId !== null) {
    return (
      <div className="service-conversation" data-testid="service-conversation">
        <div className="service-conversation-main">
          <button type="button" className="link-button service-back" onClick={() => navigate(servicePath("mine"))} data-testid="service-back">
            ← {t("service.back")}
          </button>
          <ConversationView key={conversationId} id={conversationId} focusMessageId={null} cannedReplies={canned} />
        </div>
        <ServicePanel conversationId={conversationId} queues={queues ?? []} canned={canned} onChanged={() => void reload()} />
      </div>
    );
  }

  const tabs: ServiceTab[] = supervisor ? ["waiting", "mine", "supervisor"] : ["waiting", "mine"];
  const counts: Partial<Record<ServiceTab, number>> = { waiting: waiting.length, mine: mine.length };
  const queueName = (id: number) => queues?.find((q) => q.id === id)?.name ?? "";

  return (
    <div className="service-workspace" data-testid="service-workspace">
      <div className="service-heading">
        <button type="button" className="icon-button back" onClick={() => navigate("/")} aria-label={t("common.back")}>
          ‹
        </button>
        <h1>{t("service.title")}</h1>
      </div>
      <nav className="service-tabs" role="tablist" aria-label={t("service.title")}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? "active" : ""}
            onClick={() => navigate(servicePath(name))}
            data-testid={`service-tab-${name}`}
          >
            {t(`service.tabs.${name}`)}
            {counts[name] !== undefined && <span className="service-count">{counts[name]}</span>}
          </button>
        ))}
      </nav>
      {queues && queues.length > 0 && (
        <ul className="service-queues" aria-label={t("service.queues")} data-testid="service-queues">
          {queues.map((q) => (
            <li key={q.id} className="service-queue-chip">
              <strong>{q.name}</strong> <span className="muted">{t("service.queueWaiting", { count: q.waiting })}</span>
            </li>
          ))}
        </ul>
      )}
      {queues && queues.length === 0 && <p className="muted">{t("service.noQueues")}</p>}
      {message && (
        <p className="notice" role="status" data-testid="service-message">
          {message}
        </p>
      )}
      {tab === "waiting" && (
        <ConversationList
          items={me ? orderWaiting(waiting, me.id) : waiting}
          empty={t("service.noWaiting")}
          testId="service-waiting"
          render={(c) => (
            <>
              <div className="service-row-main">
                <strong className="service-visitor-name">{c.visitor.name}</strong>
                {c.offeredTo === me?.id && <span className="admin-badge service-offered">{t("service.offeredToYou")}</span>}
                <span className="muted service-row-meta">
                  {queueName(c.queueId)} · {t("service.waitingFor", { time: duration(waitedSeconds(c, now)) })}
                </span>
                <SkillTags skills={c.requiredSkills} label={t("service.skills.required")} testId={`service-row-skills-${c.conversationId}`} />
                {c.visitor.page && <span className="muted service-row-page">{c.visitor.page}</span>}
              </div>
              <button type="button" className="primary" onClick={() => void accept(c.conversationId)} data-testid={`service-accept-${c.conversationId}`}>
                {t("service.accept")}
              </button>
            </>
          )}
        />
      )}
      {tab === "mine" && (
        <ConversationList
          items={mine}
          empty={t("service.noMine")}
          testId="service-mine"
          render={(c) => (
            <>
              <div className="service-row-main">
                <strong className="service-visitor-name">{c.visitor.name}</strong>
                <span className="muted service-row-meta">
                  {queueName(c.queueId)} · {t("service.since", { time: new Date(c.assignedAt ?? c.createdAt).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }) })}
                </span>
                <SkillTags skills={c.requiredSkills} label={t("service.skills.required")} />
              </div>
              <button type="button" onClick={() => navigate(servicePath(c.conversationId))} data-testid={`service-open-${c.conversationId}`}>
                {t("service.open_conversation")}
              </button>
            </>
          )}
        />
      )}
      {tab === "supervisor" && supervisor && <Supervisor queues={queues ?? []} stats={stats} duration={duration} />}
    </div>
  );
}

function ConversationList({
  items, empty, testId, render,
}: { items: ServiceConversationDto[]; empty: string; testId: string; render: (c: ServiceConversationDto) => React.ReactNode }) {
  if (items.length === 0) return <p className="muted service-empty">{empty}</p>;
  return (
    <ul className="service-list" data-testid={testId}>
      {items.map((c) => (
        <li key={c.conversationId} className="service-row" data-testid={`service-row-${c.conversationId}`}>
          {render(c)}
        </li>
      ))}
    </ul>
  );
}

function Supervisor({ queues, stats, duration }: { queues: ServiceQueueDto[]; stats: ServiceStatsDto | null; duration: (s: number) => string }) {
  const { t } = useTranslation();
  const csat = stats && stats.csat.count > 0 && stats.csat.average !== null
    ? t("service.supervisor.csatValue", { average: Number(stats.csat.average).toFixed(1), count: stats.csat.count })
    : t("service.supervisor.noRatings");
  return (
    <div data-testid="service-supervisor">
      {stats && (
        <dl className="service-stats">
          <div><dt>{t("service.supervisor.waiting")}</dt><dd data-testid="service-stat-waiting">{stats.waiting}</dd></div>
          <div><dt>{t("service.supervisor.assigned")}</dt><dd>{stats.assigned}</dd></div>
          <div><dt>{t("service.supervisor.closedToday")}</dt><dd>{stats.closedToday}</dd></div>
          <div><dt>{t("service.supervisor.averageWait")}</dt><dd>{duration(stats.averageWaitSeconds)}</dd></div>
          <div><dt>{t("service.supervisor.csat")}</dt><dd>{csat}</dd></div>
        </dl>
      )}
      {queues.map((q) => (
        <section key={q.id} className="admin-card service-queue-card">
          <h3>{q.name}</h3>
          <p className="muted">
            {t("service.supervisor.routing")}: {t(`service.routing.${q.routing}`)} · {t("service.supervisor.waiting")}: {q.waiting} · {t("service.supervisor.assigned")}: {q.assigned} ·{" "}
            {t("service.supervisor.longestWait")}: {duration(q.longestWaitSeconds)}
          </p>
          <ul className="service-agents">
            {q.agents.map((a) => (
              <li key={a.userId}>
                <span className={`service-dot${a.online ? " online" : ""}`} aria-hidden="true" /> {a.displayName}{" "}
                <span className="muted">
                  {t("service.supervisor.load", { open: a.open, capacity: a.capacity })} · {a.online ? t("service.supervisor.online") : t("service.supervisor.offline")}
                </span>
                <SkillTags skills={a.skills} label={t("service.skills.agentLabel", { name: a.displayName })} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
