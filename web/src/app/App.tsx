import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { setToken, setUnauthenticatedHandler } from "../api/http";
import { LoginScreen, SetupScreen } from "../features/auth/AuthScreens";
import { logout, needsSetup } from "../features/auth/authActions";
import { clearSession, loadSession, type StoredSession } from "../features/auth/session";
import { conversationTitle, displayName } from "../features/conversations/title";
import { linkCache } from "../features/files/fileLinks";
import { abortAllUploads } from "../features/files/uploadActions";
import { closeViewer } from "../features/files/viewer";
import { SyncEngine } from "../features/sync/syncEngine";
import { ChatShell } from "./ChatShell";
import { setEngine } from "./engine";
import { conversationPath, navigate } from "./route";
import { store } from "./store";
import { i18n } from "../i18n";

type Phase = { name: "loading" } | { name: "setup" } | { name: "login"; notice: string | null } | { name: "chat"; session: StoredSession };

function startEngine(session: StoredSession): SyncEngine {
  store.reset();
  store.dispatch({ type: "me", user: session.user });
  const engine = new SyncEngine(store, () => session.token, {
    conversationTitle: (id) => {
      const s = store.getState();
      const conv = s.conversations[id];
      return conv ? conversationTitle(conv, s.users, s.me?.id ?? -1, i18n.t) : "Parley";
    },
    senderName: (userId) => displayName(store.getState().users, userId, i18n.t),
    open: (id) => navigate(conversationPath(id)),
  });
  setEngine(engine);
  engine.start();
  return engine;
}

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const [bootError, setBootError] = useState(false);

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
    const session = loadSession();
    if (session) {
      enter(session);
      return;
    }
    needsSetup()
      .then((needed) => setPhase(needed ? { name: "setup" } : { name: "login", notice: null }))
      .catch(() => setBootError(true));
  }, [enter]);

  // Session expiry: any 401 on an authenticated call, or the token's own expiry time.
  useEffect(() => {
    if (phase.name !== "chat") return;
    // i18n.t rather than the hook's t: a language switch must not restart the session's engine.
    const expired = () => leave(i18n.t("auth.sessionExpired"));
    setUnauthenticatedHandler(expired);
    const engine = startEngine(phase.session);
    const remaining = Date.parse(phase.session.expiresAt) - Date.now();
    const timer = setTimeout(expired, Math.min(Math.max(remaining, 0), 2_000_000_000));
    return () => {
      clearTimeout(timer);
      setUnauthenticatedHandler(null);
      void engine.stop();
      setEngine(null);
      // At logout or expiry, not at the next login: uploads without a token only fail, and signed links name the
      // user they were issued to, so another user in this tab must not reuse them.
      abortAllUploads();
      linkCache.clear();
      closeViewer();
    };
  }, [phase, leave]);

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
  switch (phase.name) {
    case "loading":
      return <div className="splash muted">{t("common.loading")}</div>;
    case "setup":
      return <SetupScreen onSignedIn={enter} />;
    case "login":
      return <LoginScreen onSignedIn={enter} notice={phase.notice} />;
    case "chat":
      return <ChatShell onLogout={() => void logout().finally(() => leave(null))} />;
  }
}
