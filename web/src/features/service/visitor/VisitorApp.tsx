// The visitor page at /visitor/<widgetId> (issue 18, docs/customer-service.md): what the widget's iframe shows on a
// host site. No sign-in: the visitor starts a guest session (optional name and email), whose token only reaches its
// own service conversation; the token is kept in this frame's storage per widget, so a reload continues the same
// conversation. The conversation itself is the embed view (features/embed/EmbedConversation); around it the greeting,
// the service state (bot, waiting, the agent's name), "talk to a human" and, after close, the rating form.
// Everything the visitor or an agent typed is rendered as React text, never as HTML.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { usersApi } from "../../../api/endpoints";
import { ApiError, setToken } from "../../../api/http";
import { visitorApi } from "../../../api/service";
import type { PublicServiceWidgetDto, VisitorStateDto } from "../../../api/types";
import type { EventDto, MessageDto } from "../../../api/types";
import { ConfigSource } from "../../../core/config";
import { ConfigProvider } from "../../../core/CoreProvider";
import type { EventRegistry } from "../../../core/events";
import { i18n } from "../../../i18n";
import { safeColor, WIDGET_CHANNEL, type WidgetEvent } from "../../../../packages/widget/src/protocol";
import type { StoredSession } from "../../auth/session";
import { errorMessage } from "../../auth/errorMessage";
import { ParentChannel, parentOrigin } from "../../embed/channel";
import { ErrorText } from "../../../ui/ErrorText";
import { startVisitorSession } from "./visitorChallenge";
import { forgetVisitorSession, loadVisitorSession, readVisitorAddress, saveVisitorSession, visitorStorage, visitorView, type VisitorAddress } from "./visitorState";
import "../../embed/embed.css";
import "./visitor.css";

const EmbedConversation = lazy(() => import("../../embed/EmbedConversation"));

type Phase =
  | { name: "loading" }
  | { name: "intro" }
  | { name: "chat"; session: StoredSession; conversationId: number }
  | { name: "unavailable" };

/** A path on this server ("/files/…"), or a full address of this origin. */
function sameOriginPath(url: string): boolean {
  try {
    return new URL(url, window.location.origin).origin === window.location.origin;
  } catch {
    return false;
  }
}

export default function VisitorApp() {
  const { t } = useTranslation();
  const [address] = useState<VisitorAddress>(() => readVisitorAddress(window.location, navigator.language));
  const [config] = useState(() => new ConfigSource());
  const [widget, setWidget] = useState<PublicServiceWidgetDto | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const channel = useMemo(() => new ParentChannel<WidgetEvent>(parentOrigin(), window, WIDGET_CHANNEL), []);
  // Read once, before the fragment (a session the host page kept for this frame) leaves the address bar.
  const [frameStorage] = useState(() => visitorStorage(() => window.localStorage, window.location.hash, (value) => channel.post({ type: "store", value })));

  /** Signs the page in with a guest token: the user behind it, then the conversation. */
  const enter = useCallback(
    async (token: string, conversationId: number, expiresAt: string) => {
      setToken(token);
      const user = await usersApi.me();
      void config.load();
      setPhase({ name: "chat", session: { token, user, expiresAt }, conversationId });
      channel.post({ type: "ready" });
    },
    [channel, config],
  );

  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname + window.location.search);
    void i18n.changeLanguage(address.lang);
    document.documentElement.lang = address.lang;
    document.documentElement.dataset.theme = "light";
    const id = address.widgetId;
    if (!id) {
      setPhase({ name: "unavailable" });
      return;
    }
    visitorApi.widget(Number(id)).then(setWidget, () => setPhase({ name: "unavailable" }));
    const stored = loadVisitorSession(frameStorage, id);
    if (!stored) {
      setPhase({ name: "intro" });
      return;
    }
    enter(stored.token, stored.conversationId, stored.expiresAt).catch(() => {
      // Revoked, expired or the widget deleted: start over.
      setToken(null);
      forgetVisitorSession(frameStorage, id);
      setPhase({ name: "intro" });
    });
  }, [address, enter, frameStorage]);

  const expired = useCallback(() => {
    setToken(null);
    if (address.widgetId) forgetVisitorSession(frameStorage, address.widgetId);
    setPhase({ name: "intro" });
    channel.post({ type: "expired" });
  }, [address, channel, frameStorage]);

  const color = safeColor(widget?.color);
  const greeting = widget ? (address.lang === "zh-CN" ? widget.greetingZh || widget.greeting : widget.greeting || widget.greetingZh) : null;

  return (
    <ConfigProvider config={config}>
      <div className="visitor-page" data-testid="visitor-page">
        <header className="visitor-header" style={{ background: color }}>
          {/* The page's CSP loads images from this server only: a logo elsewhere shows on the bubble, not here. */}
          {widget?.logoUrl && sameOriginPath(widget.logoUrl) && <img className="visitor-logo" src={widget.logoUrl} alt="" />}
          <h1 className="visitor-title">{widget?.name ?? t("service.visitor.title")}</h1>
          {channel.origin && (
            <button type="button" className="visitor-minimize" onClick={() => channel.post({ type: "close" })} aria-label={t("service.visitor.minimize")} data-testid="visitor-minimize">
              ─
            </button>
          )}
        </header>
        {phase.name === "loading" && <div className="splash muted">{t("common.loading")}</div>}
        {phase.name === "unavailable" && (
          <p className="visitor-unavailable muted" role="status" data-testid="visitor-unavailable">
            {t("service.visitor.unavailable")}
          </p>
        )}
        {phase.name === "intro" && address.widgetId && (
          <VisitorIntro
            greeting={greeting}
            onStart={async (name, email, onChecking) => {
              const request = { widgetId: Number(address.widgetId), name, email, page: address.page, referrer: address.referrer };
              const created = await startVisitorSession(request, onChecking);
              const saved = saveVisitorSession(frameStorage, address.widgetId!, { token: created.token, conversationId: created.conversationId, userId: created.userId });
              await enter(saved.token, saved.conversationId, saved.expiresAt);
            }}
          />
        )}
        {phase.name === "chat" && (
          <VisitorChat
            key={phase.session.token}
            session={phase.session}
            conversationId={phase.conversationId}
            config={config}
            channel={channel}
            onExpired={expired}
            placeholder={t("service.visitor.placeholder", { name: widget?.name ?? t("service.visitor.title") })}
          />
        )}
      </div>
    </ConfigProvider>
  );
}

function VisitorIntro({
  greeting, onStart,
}: { greeting: string | null; onStart: (name: string | null, email: string | null, onChecking: () => void) => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  // The server asked for a proof of work (a widget under load): the page is solving it.
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "").trim() || null;
    setBusy(true);
    setError(null);
    try {
      await onStart(text("name"), text("email"), () => setChecking(true));
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
      setChecking(false);
    }
  };
  return (
    <form className="visitor-intro" onSubmit={(e) => void submit(e)} data-testid="visitor-intro">
      <p className="visitor-greeting" data-testid="visitor-greeting">
        {greeting || t("service.visitor.defaultGreeting")}
      </p>
      <label className="field">
        <span>{t("service.visitor.name")}</span>
        <input name="name" maxLength={80} autoComplete="name" data-testid="visitor-name" />
      </label>
      <label className="field">
        <span>{t("service.visitor.email")}</span>
        <input name="email" type="email" maxLength={200} autoComplete="email" data-testid="visitor-email" />
      </label>
      <small className="muted">{t("service.visitor.optional")}</small>
      <button type="submit" className="primary" disabled={busy} data-testid="visitor-start">
        {t("service.visitor.start")}
      </button>
      {checking && (
        <div className="visitor-checking" role="status" data-testid="visitor-checking">
          <span className="visitor-checking-spinner" aria-hidden="true" />
          <span>
            <strong>{t("service.visitor.checking")}</strong>
            <small className="muted">{t("service.visitor.checkingHint")}</small>
          </span>
        </div>
      )}
      <ErrorText error={error} />
    </form>
  );
}

function VisitorChat({
  session, conversationId, config, channel, onExpired, placeholder,
}: { session: StoredSession; conversationId: number; config: ConfigSource; channel: ParentChannel<WidgetEvent>; onExpired: () => void; placeholder: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<VisitorStateDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const view = visitorView(state);

  const refresh = useCallback(() => {
    visitorApi.state(conversationId).then(setState, () => undefined);
  }, [conversationId]);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  // The state changes live (service.state on the conversation); an agent's or the bot's message may come with one.
  const register = useCallback(
    (events: EventRegistry) => {
      events.registerEventHandler("service.state", () => refreshRef.current());
      events.registerEventHandler("message.created", (event: EventDto, { live }) => {
        if (live && (event.data as MessageDto).senderId !== session.user.id) refreshRef.current();
      });
    },
    [session.user.id],
  );

  useEffect(() => {
    refresh();
    // A slow poll as well, in case the live connection is down (a phone that slept).
    const timer = setInterval(refresh, 20_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const handoff = async () => {
    try {
      const answer = await visitorApi.handoff(conversationId);
      setState((s) => ({ state: answer.state, rated: s?.rated ?? false, agentName: null }));
      setError(null);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <div className="visitor-chat">
      {view.line && (
        <div className="visitor-status" role="status" data-testid="visitor-status" data-state={state?.state}>
          <span>{t(view.line, { name: view.agentName ?? "" })}</span>
          {view.handoff && (
            <button type="button" className="link-button" onClick={() => void handoff()} data-testid="visitor-handoff">
              {t("service.visitor.handoff")}
            </button>
          )}
        </div>
      )}
      <ErrorText error={error} />
      <Suspense fallback={<div className="splash muted">{t("common.loading")}</div>}>
        <EmbedConversation session={session} conversationId={conversationId} config={config} channel={channel} onExpired={onExpired} register={register} composerPlaceholder={placeholder} />
      </Suspense>
      {view.rating && <RatingForm conversationId={conversationId} onRated={() => setState((s) => (s ? { ...s, rated: true } : s))} />}
      {view.thanks && (
        <p className="visitor-thanks" role="status" data-testid="visitor-thanks">
          {t("service.visitor.thanks")}
        </p>
      )}
    </div>
  );
}

function RatingForm({ conversationId, onRated }: { conversationId: number; onRated: () => void }) {
  const { t } = useTranslation();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await visitorApi.rate(conversationId, score, comment.trim() || null);
      onRated();
    } catch (err) {
      if (err instanceof ApiError && err.code === "service_already_rated") onRated();
      else setError(errorMessage(t, err));
    }
  };
  return (
    <form className="visitor-rating" onSubmit={(e) => void submit(e)} data-testid="visitor-rating">
      <fieldset>
        <legend>{t("service.visitor.rateTitle")}</legend>
        <div className="visitor-stars" role="radiogroup" aria-label={t("service.visitor.rateTitle")}>
          {[1, 2, 3, 4, 5].map((n) => (
            <button
              key={n}
              type="button"
              role="radio"
              aria-checked={score === n}
              aria-label={t("service.visitor.stars", { count: n })}
              className={n <= score ? "star on" : "star"}
              onClick={() => setScore(n)}
              data-testid={`visitor-star-${n}`}
            >
              ★
            </button>
          ))}
        </div>
      </fieldset>
      <textarea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} rows={2} placeholder={t("service.visitor.comment")} aria-label={t("service.visitor.comment")} data-testid="visitor-comment" />
      <button type="submit" className="primary" disabled={score === 0} data-testid="visitor-rate">
        {t("service.visitor.rate")}
      </button>
      <ErrorText error={error} />
    </form>
  );
}
