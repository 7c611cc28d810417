import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useChat, useCore } from "../core";
import { removeFirstPaint } from "./firstPaint";
import { navigate, searchPath } from "./route";
import { useRoute } from "./useRoute";
import { Sidebar, type SidebarDialog } from "../features/sidebar/Sidebar";
import { ConversationView } from "../features/messages/ConversationView";
import { conversationTitle } from "../features/conversations/title";
import { ProfileCardHost } from "../features/directory/ProfileCard";
import { focusHome } from "../ui/focus";
import { UrgentBanner } from "../features/urgent/UrgentBanner";
import { ReminderToasts } from "../features/scheduled/ReminderToasts";
import { ReminderPickerHost } from "../features/scheduled/RemindMeButton";
import { SavedPanel } from "../features/saved/SavedPanel";
import { CallOverlay } from "../features/calls/CallOverlay";

const QuickSwitcher = lazy(() => import("../features/switcher/QuickSwitcher"));
const ChannelBrowser = lazy(() => import("../features/channels/ChannelBrowser"));
const NewConversationDialog = lazy(() => import("../features/conversations/NewConversationDialog"));
const SettingsDialog = lazy(() => import("../features/settings/SettingsDialog"));
const SearchPage = lazy(() => import("../features/search/SearchPage"));
const PlannerPage = lazy(() => import("../features/planner/PlannerPage"));
const AdminConsole = lazy(() => import("../features/admin/AdminConsole"));
const DirectoryPage = lazy(() => import("../features/directory/DirectoryPage"));
const ServiceWorkspace = lazy(() => import("../features/service/ServiceWorkspace"));
const ShortcutsDialog = lazy(() => import("../features/shortcuts/ShortcutsDialog"));
const RemindersDialog = lazy(() => import("../features/scheduled/RemindersDialog"));

/** Typing in a text field: "?" is a character there, not the shortcut list. */
const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function ChatShell({ onLogout }: { onLogout: () => void }) {
  const { t } = useTranslation();
  const core = useCore();
  const { store } = core;
  const route = useRoute();
  const [dialog, setDialog] = useState<SidebarDialog | null>(null);
  const [savedOpen, setSavedOpen] = useState(false);
  // A service conversation open in the workspace (#/service/c/<id>) is the active one too: read marks, the title.
  const activeId = route.name === "conversation" ? route.id : route.name === "service" ? route.conversationId : null;
  const unread = useChat((s) => Object.values(s.conversations).reduce((n, c) => n + (c.muted ? 0 : c.unreadCount), 0));
  const activeTitle = useChat((s) => {
    const conv = activeId !== null ? s.conversations[activeId] : undefined;
    return conv ? conversationTitle(conv, s.users, s.me?.id ?? -1, t) : null;
  });

  useEffect(() => {
    store.dispatch({ type: "conversation/active", id: activeId });
  }, [store, activeId]);

  // Any screen but a conversation is up once the shell is (a conversation says so when its messages are: MessageList).
  useEffect(() => {
    if (route.name !== "conversation") {
      removeFirstPaint();
      core.firstScreen.painted();
    }
  }, [core, route.name]);

  useEffect(() => {
    document.title = `${unread > 0 ? `(${unread}) ` : ""}${activeTitle ? `${activeTitle} · ` : ""}Parley`;
  }, [unread, activeTitle]);

  // Ctrl/Cmd+K opens the switcher from anywhere; "?" (outside text fields) and Ctrl/Cmd+/ the shortcut list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setDialog("switcher");
      } else if (((e.ctrlKey || e.metaKey) && e.key === "/") || (e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target))) {
        e.preventDefault();
        setDialog("shortcuts");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Visible + focused = reading: mark the open conversation read and tell others I'm here.
  useEffect(() => {
    const update = () => {
      const visible = document.visibilityState === "visible";
      store.dispatch({ type: "visible", visible });
      core.hub.setPresence(visible ? "online" : "away");
      const active = store.getState().activeConversationId;
      if (visible && active !== null) core.timelines.markRead(active);
    };
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, [core, store]);

  // Typing indicators expire on their own.
  useEffect(() => {
    const timer = setInterval(() => store.dispatch({ type: "typing/expire", now: Date.now() }), 1000);
    return () => clearInterval(timer);
  }, [store]);

  const close = () => setDialog(null);
  return (
    <div className="app-frame">
      <UrgentBanner />
      <div className={`shell${route.name === "home" ? " at-home" : ""}${savedOpen ? " with-saved" : ""}`}>
        {/* The first Tab stop: past the sidebar to the message box (or the main region). Not a #fragment link: the
            hash is the client's route. */}
        <a
          href="#main"
          className="skip-link"
          onClick={(e) => {
            e.preventDefault();
            focusHome();
          }}
          data-testid="skip-link"
        >
          {activeId !== null ? t("shortcuts.skipToComposer") : t("shortcuts.skipToMain")}
        </a>
        <Sidebar activeId={activeId} onOpenDialog={setDialog} onSearch={() => navigate(searchPath(""))} savedOpen={savedOpen} onToggleSaved={() => setSavedOpen((open) => !open)} />
        <main className="main" id="main" tabIndex={-1}>
          {route.name === "conversation" && <ConversationView key={route.id} id={route.id} focusMessageId={route.messageId} />}
          {route.name === "search" && (
            <Suspense fallback={null}>
              <SearchPage query={route.query} />
            </Suspense>
          )}
          {route.name === "planner" && (
            <Suspense fallback={null}>
              <PlannerPage share={route.share} />
            </Suspense>
          )}
          {route.name === "admin" && (
            <Suspense fallback={null}>
              <AdminConsole section={route.section} />
            </Suspense>
          )}
          {route.name === "service" && (
            <Suspense fallback={null}>
              <ServiceWorkspace tab={route.tab} conversationId={route.conversationId} />
            </Suspense>
          )}
          {route.name === "directory" && (
            <Suspense fallback={null}>
              <DirectoryPage />
            </Suspense>
          )}
          {route.name === "home" && (
            <div className="empty-state">
              <h1>{t("home.title")}</h1>
              <p className="muted">{t("home.hint")}</p>
            </div>
          )}
        </main>
        {savedOpen && <SavedPanel onClose={() => setSavedOpen(false)} />}
        <Suspense fallback={null}>
          {dialog === "switcher" && <QuickSwitcher onClose={close} />}
          {dialog === "browse" && <ChannelBrowser onClose={close} />}
          {dialog === "newDirect" && <NewConversationDialog kind="direct" onClose={close} />}
          {dialog === "newGroup" && <NewConversationDialog kind="group" onClose={close} />}
          {dialog === "settings" && <SettingsDialog onClose={close} onLogout={onLogout} />}
          {dialog === "shortcuts" && <ShortcutsDialog onClose={close} />}
          {dialog === "reminders" && <RemindersDialog onClose={close} />}
        </Suspense>
        <ProfileCardHost />
        <ReminderToasts />
        <ReminderPickerHost />
        <CallOverlay />
      </div>
    </div>
  );
}
