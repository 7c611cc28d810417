import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { setToken } from "../api/http";
// Not "../core": its index also exports the session's Core, which would put SignalR on the sign-in page.
import { ConfigSource } from "../core/config";
import { ConfigProvider, useConfig } from "../core/CoreProvider";
import { LoginScreen, SetupScreen } from "../features/auth/AuthScreens";
import { needsSetup, refreshUser, logout } from "../features/auth/authActions";
import { clearSession, loadSession, type StoredSession } from "../features/auth/session";
import { inviteToken } from "../features/invitations/inviteActions";
import { removeFirstPaint } from "./firstPaint";
import { useRoute } from "./useRoute";

const PlannerPage = lazy(() => import("../features/planner/PlannerPage"));
const InviteScreen = lazy(() => import("../features/invitations/InviteScreen").then((m) => ({ default: m.InviteScreen })));

type Phase =
  | { name: "loading" }
  | { name: "setup" }
  | { name: "login"; notice: string | null }
  /** An invitation link (/invite/<token>): the invitee makes an account, whoever is signed in on this browser. */
  | { name: "invite"; token: string }
  | { name: "chat"; session: StoredSession }
  /** Signed in, but the account must change its password or enrol a second factor first (user.requires). */
  | { name: "required"; session: StoredSession; requires: string };

/** The chat screens, fetched when a session begins (or starts to: see prefetchChat). */
const loadChat = () => import("./ChatSession");
const ChatSession = lazy(loadChat);
/** Only for an account that must change its password or enrol 2FA first: kept off the sign-in page's bundle too. */
const RequiredStepScreen = lazy(() => import("../features/auth/RequiredStepScreen").then((m) => ({ default: m.RequiredStepScreen })));

/** Starts downloading the chat screens while the user signs in, so entering them does not wait for it. */
function prefetchChat(): void {
  void loadChat().catch(() => undefined);
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
  return <LoginScreen onSignedIn={onSignedIn} notice={notice} onSubmitting={prefetchChat} />;
}

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const [bootError, setBootError] = useState(false);
  // The server's settings: the password policy for the first-run screen now, the rest once signed in.
  const [config] = useState(() => new ConfigSource());

  const enter = useCallback((session: StoredSession) => {
    setToken(session.token);
    setPhase(session.user.requires ? { name: "required", session, requires: session.user.requires } : { name: "chat", session });
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
    const invite = inviteToken(window.location.pathname);
    if (invite) {
      void config.load();
      setPhase({ name: "invite", token: invite });
      return;
    }
    const session = loadSession();
    // With a session the token is set first, so the one /config request answers in full (the core asks only if not).
    if (session) enter(session);
    void config.load();
    if (session) return;
    needsSetup()
      .then((needed) => setPhase(needed ? { name: "setup" } : { name: "login", notice: null }))
      .catch(() => setBootError(true));
  }, [enter, config]);

  // Not the chat screens after all (signed out, expired, a required step): the boot entry's static paint of a
  // conversation (app/firstPaint.ts) must not stay over them.
  useEffect(() => {
    if (phase.name !== "loading" && phase.name !== "chat") removeFirstPaint();
  }, [phase.name]);

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
        return <Splash />;
      case "setup":
        return <SetupScreen onSignedIn={enter} onSubmitting={prefetchChat} />;
      case "login":
        return <VisitorScreen onSignedIn={enter} notice={current.notice} />;
      case "invite":
        return (
          <Suspense fallback={<Splash />}>
            <InviteScreen
              token={current.token}
              onSignedIn={(session) => {
                // The link is spent: the address bar goes back to the app, so a reload does not open the used link.
                window.history.replaceState(null, "", "/");
                enter(session);
              }}
            />
          </Suspense>
        );
      case "chat":
        return (
          <Suspense fallback={<Splash />}>
            <ChatSession key={current.session.token} session={current.session} config={config} onLeave={leave} onRequired={enter} />
          </Suspense>
        );
      case "required":
        return (
          <Suspense fallback={<Splash />}>
            <RequiredStepScreen
              requires={current.requires}
              onDone={() => void refreshUser(current.session).then(enter, () => leave(null))}
              onLogout={() => void logout().finally(() => leave(null))}
            />
          </Suspense>
        );
    }
  }
}

function Splash() {
  const { t } = useTranslation();
  return <div className="splash muted">{t("common.loading")}</div>;
}
