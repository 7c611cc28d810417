import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { setToken, setUnauthenticatedHandler } from "../api/http";
import { ConfigProvider, ConfigSource, Core, CoreProvider, useConfig } from "../core";
import { LoginScreen, SetupScreen } from "../features/auth/AuthScreens";
import { logout, needsSetup } from "../features/auth/authActions";
import { clearSession, loadSession, type StoredSession } from "../features/auth/session";
import { conversationTitle, displayName } from "../features/conversations/title";
import { linkCache } from "../features/files/fileLinks";
import { abortAllUploads } from "../features/files/uploadActions";
import { closeViewer } from "../features/files/viewer";
import type { NotificationTexts } from "../features/notifications/events";
import { ChatShell } from "./ChatShell";
import { featureEvents } from "./features";
import { conversationPath, navigate, useRoute } from "./route";

const PlannerPage = lazy(() => import("../features/planner/PlannerPage"));
import { i18n } from "../i18n";

type Phase = { name: "loading" } | { name: "setup" } | { name: "login"; notice: string | null } | { name: "chat"; session: StoredSession };

// i18n.t rather than the hook's t: a language switch must not restart the session's core.
const notificationTexts: NotificationTexts = {
  conversationTitle: (s, id) => {
    const conv = s.conversations[id];
    return conv ? conversationTitle(conv, s.users, s.me?.id ?? -1, i18n.t) : "Parley";
  },
  senderName: (s, userId) => displayName(s.users, userId, i18n.t),
  open: (id) => navigate(conversationPath(id)),
};

/** One signed-in session: its core lives as long as this component, and ends at logout or expiry. */
function ChatSession({ session, config, onLeave }: { session: StoredSession; config: ConfigSource; onLeave: (notice: string | null) => void }) {
  const [core] = useState(() => new Core({ user: session.user, token: () => session.token, events: featureEvents(notificationTexts), config }));


  // Session expiry: any 401 on an authenticated call, or the token's own expiry time.
  useEffect(() => {
    const expired = () => onLeave(i18n.t("auth.sessionExpired"));
    setUnauthenticatedHandler(expired);
    core.start();
    const remaining = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(expired, Math.min(Math.max(remaining, 0), 2_000_000_000));
    return () => {
      clearTimeout(timer);
      setUnauthenticatedHandler(null);
      void core.stop();
      // At logout or expiry, not at the next login: uploads without a token only fail, and signed links name the
      // user they were issued to, so another user in this tab must not reuse them.
      abortAllUploads();
      linkCache.clear();
      closeViewer();
    };
  }, [core, session, onLeave]);

  return (
    <CoreProvider core={core}>
      <ChatShell onLogout={() => void logout().finally(() => onLeave(null))} />
    </CoreProvider>
  );
}

/**
 * Not signed in: the sign-in screen, or the cost planner when the route asks for it and the server lets visitors
 * use it (Parley:Planner:AllowAnonymous): finance readers are rarely chat users (issue 20).
 */
function VisitorScreen({ onSignedIn, notice }: { onSignedIn: (session: StoredSession) => void; notice: string | null }) {
  const route = useRoute();
  const plannerOpen = useConfig().auth.plannerWithoutSignIn ?? false;
  if (route.name === "planner" && plannerOpen) {
    return (
      <main className="main visitor-page">
        <Suspense fallback={null}>
          <PlannerPage share={route.share} />
        </Suspense>
      </main>
    );
  }
  return <LoginScreen onSignedIn={onSignedIn} notice={notice} />;
}

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const [bootError, setBootError] = useState(false);
  // The server's settings: the password policy for the first-run screen now, the rest once signed in.
  const [config] = useState(() => new ConfigSource());

  const enter = useCallback((session: StoredSession) => {
    setToken(session.token);
    setPhase({ name: "chat", session });
  }, []);

  const leave = useCallback(
    (notice: string | null) => {
      setToken(null);
      clearSession();
      setPhase({ name: "login", notice });
    },
    [],
  );

  useEffect(() => {
    void config.load();
    const session = loadSession();
    if (session) {
      enter(session);
      return;
    }
    needsSetup()
      .then((needed) => setPhase(needed ? { name: "setup" } : { name: "login", notice: null }))
      .catch(() => setBootError(true));
  }, [enter, config]);

  if (bootError) {
    return (
      <main className="auth-page">
        <div className="auth-card">
          <p className="error" role="alert">
            {t("errors.network")}
          </p>
          <button type="button" onClick={() => window.location.reload()}>
            {t("common.retry")}
          </button>
        </div>
      </main>
    );
  }
  return <ConfigProvider config={config}>{screen(phase)}</ConfigProvider>;

  function screen(current: Phase) {
    switch (current.name) {
      case "loading":
        return <div className="splash muted">{t("common.loading")}</div>;
      case "setup":
        return <SetupScreen onSignedIn={enter} />;
      case "login":
        return <VisitorScreen onSignedIn={enter} notice={current.notice} />;
      case "chat":
        return <ChatSession key={current.session.token} session={current.session} config={config} onLeave={leave} />;
    }
  }
}
