// The signed-in half of the client, loaded only after sign-in (App.tsx imports it lazily): the core, SignalR, the
// Markdown renderer and every chat screen stay off the sign-in page (issue 22: they were 150 KiB of its JavaScript).
import { useEffect, useState } from "react";
import { setRestrictedHandler, setUnauthenticatedHandler } from "../api/http";
import { Core, CoreProvider, type ConfigSource } from "../core";
import { logout, refreshUser } from "../features/auth/authActions";
import type { StoredSession } from "../features/auth/session";
import { conversationTitle, displayName } from "../features/conversations/title";
import { resumePush } from "../features/push/pushDevice";
import { linkCache } from "../features/files/fileLinks";
import { abortAllUploads } from "../features/files/uploadActions";
import { closeViewer } from "../features/files/viewer";
import { startSaved } from "../features/saved/savedSession";
import type { NotificationTexts } from "../features/notifications/events";
import { i18n } from "../i18n";
import { ChatShell } from "./ChatShell";
import { featureEvents } from "./features";
import { conversationPath, navigate } from "./route";

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
export default function ChatSession({
  session, config, onLeave, onRequired,
}: { session: StoredSession; config: ConfigSource; onLeave: (notice: string | null) => void; onRequired: (session: StoredSession) => void }) {
  const [core] = useState(() => new Core({ user: session.user, token: () => session.token, events: featureEvents(notificationTexts), config }));

  // The stored user may be stale (roles changed, a password change forced since): ask once per session.
  // After the first screen (core/firstScreen.ts): the stored copy is good enough to draw it.
  useEffect(() => {
    let live = true;
    core.firstScreen.then(() => {
      if (!live) return;
      refreshUser(session)
        .then((fresh) => {
          core.store.dispatch({ type: "me", user: fresh.user });
          if (fresh.user.requires) onRequired(fresh);
          else void resumePush(fresh.user.id, i18n.language).catch(() => undefined);
        })
        .catch(() => undefined); // offline: keep what was stored; a 401 is handled by the expiry handler
    });
    return () => {
      live = false;
    };
  }, [core, session, onRequired]);

  // An administrator required a password change (or the policy a second factor) while this session was open: the
  // server now refuses other calls; go to the screen that resolves it.
  useEffect(() => {
    setRestrictedHandler(() => {
      refreshUser(session).then((fresh) => fresh.user.requires && onRequired(fresh), () => undefined);
    });
    return () => setRestrictedHandler(null);
  }, [session, onRequired]);

  // Session expiry: any 401 on an authenticated call, or the token's own expiry time.
  useEffect(() => {
    const expired = () => onLeave(i18n.t("auth.sessionExpired"));
    setUnauthenticatedHandler(expired);
    core.start();
    // Drafts and saved ids load beside the core's own start-up requests, not after them.
    const stopSaved = startSaved(core);
    const remaining = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(expired, Math.min(Math.max(remaining, 0), 2_000_000_000));
    return () => {
      clearTimeout(timer);
      stopSaved();
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
