import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { setToken, setUnauthenticatedHandler } from "../api/http";
import { ConfigProvider, ConfigSource, Core, CoreProvider } from "../core";
import { LoginScreen, SetupScreen } from "../features/auth/AuthScreens";
import { logout, needsSetup, refreshUser } from "../features/auth/authActions";
import { RequiredStepScreen } from "../features/auth/RequiredStepScreen";
import { clearSession, loadSession, type StoredSession } from "../features/auth/session";
import { conversationTitle, displayName } from "../features/conversations/title";
import { linkCache } from "../features/files/fileLinks";
import { abortAllUploads } from "../features/files/uploadActions";
import { closeViewer } from "../features/files/viewer";
import type { NotificationTexts } from "../features/notifications/events";
import { ChatShell } from "./ChatShell";
import { featureEvents } from "./features";
import { conversationPath, navigate } from "./route";
import { i18n } from "../i18n";

type Phase =
  | { name: "loading" }
  | { name: "setup" }
  | { name: "login"; notice: string | null }
  | { name: "chat"; session: StoredSession }
  /** Signed in, but the account must change its password or enrol a second factor first (user.requires). */
  | { name: "required"; session: StoredSession; requires: string };

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
function ChatSession({ session, config, onLeave, onRequired }: { session: StoredSession; config: ConfigSource; onLeave: (notice: string | null) => void; onRequired: (session: StoredSession) => void }) {
  const [core] = useState(() => new Core({ user: session.user, token: () => session.token, events: featureEvents(notificationTexts), config }));

  // The stored user may be stale (roles changed, a password change forced since): ask once per session.
  useEffect(() => {
    refreshUser(session)
      .then((fresh) => {
        core.store.dispatch({ type: "me", user: fresh.user });
        if (fresh.user.requires) onRequired(fresh);
      })
      .catch(() => undefined); // offline: keep what was stored; a 401 is handled by the expiry handler
  }, [core, session, onRequired]);


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
        return <LoginScreen onSignedIn={enter} notice={current.notice} />;
      case "chat":
        return <ChatSession key={current.session.token} session={current.session} config={config} onLeave={leave} onRequired={enter} />;
      case "required":
        return (
          <RequiredStepScreen
            requires={current.requires}
            onDone={() => void refreshUser(current.session).then(enter, () => leave(null))}
            onLogout={() => void logout().finally(() => leave(null))}
          />
        );
    }
  }
}
