// The page at /embed (features/embed; docs/integrations.md, "Embedding"): it trades the single-use token from its
// address for a session limited to the token's scope, keeps that session in memory only (never in this origin's
// storage, which the normal client uses), and shows the conversation alone or the full client. The host page hears
// of it through the SDK's channel (channel.ts); when the session ends it asks the host for a new token.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { embedApi } from "../../api/embed";
import { ApiError, setToken } from "../../api/http";
import type { EmbedSessionDto } from "../../api/types";
import { ConfigSource } from "../../core/config";
import { ConfigProvider } from "../../core/CoreProvider";
import { i18n } from "../../i18n";
import { ParentChannel, parentOrigin, readEmbedAddress } from "./channel";
import "./embed.css";

const ChatSession = lazy(() => import("../../app/ChatSession"));
const EmbedConversation = lazy(() => import("./EmbedConversation"));

type Phase = { name: "starting" } | { name: "chat"; session: EmbedSessionDto } | { name: "ended"; reason: "expired" | "error" };

export default function EmbedApp() {
  const { t } = useTranslation();
  const [config] = useState(() => new ConfigSource());
  const [phase, setPhase] = useState<Phase>({ name: "starting" });
  const [address] = useState(() => readEmbedAddress(window.location));
  const channel = useMemo(() => new ParentChannel(parentOrigin()), []);

  const start = useCallback(
    (token: string) => {
      embedApi
        .startSession(token, channel.origin)
        .then((session) => {
          setToken(session.token);
          void config.load();
          setPhase({ name: "chat", session });
          channel.post({ type: "ready", scope: session.scope, conversationId: session.conversationId ?? null });
        })
        .catch((error: unknown) => {
          setPhase({ name: "ended", reason: "error" });
          channel.post({ type: "error", code: error instanceof ApiError ? error.code : "network" });
        });
    },
    [channel, config],
  );

  const expired = useCallback(() => {
    setToken(null);
    setPhase({ name: "ended", reason: "expired" });
    channel.post({ type: "expired" });
  }, [channel]);

  useEffect(() => {
    if (address.locale === "en" || address.locale === "zh-CN") {
      void i18n.changeLanguage(address.locale);
      document.documentElement.lang = address.locale;
    }
    const dark = address.theme === "dark" || (address.theme !== "light" && window.matchMedia?.("(prefers-color-scheme: dark)").matches);
    document.documentElement.dataset.theme = dark ? "dark" : "light";
    // The token is spent once read: off the address bar, so a reload or a copied address cannot reuse it. A client
    // scope opens the conversation the host asked for (a conversation scope shows its own whatever the address says).
    const open = address.conversationId !== null ? `#/c/${address.conversationId}` : "";
    window.history.replaceState(null, "", window.location.pathname + window.location.search + open);
    if (address.token) start(address.token);
    else setPhase({ name: "ended", reason: "error" });
    return channel.onToken(start);
  }, [address, channel, start]);

  return <ConfigProvider config={config}>{screen()}</ConfigProvider>;

  function screen() {
    if (phase.name === "starting") return <div className="splash muted">{t("common.loading")}</div>;
    if (phase.name === "ended") {
      return (
        <div className="embed-ended" role="status" data-testid="embed-ended">
          <p>{phase.reason === "expired" ? t("embed.expired") : t("embed.failed")}</p>
        </div>
      );
    }
    const { session } = phase;
    const stored = { token: session.token, user: session.user, expiresAt: session.expiresAt };
    return (
      <Suspense fallback={<div className="splash muted">{t("common.loading")}</div>}>
        {session.conversationId != null ? (
          <EmbedConversation key={session.token} session={stored} conversationId={session.conversationId} config={config} channel={channel} onExpired={expired} />
        ) : (
          <ChatSession key={session.token} session={stored} config={config} onLeave={expired} onRequired={expired} />
        )}
      </Suspense>
    );
  }
}
