// One conversation, alone (an embedded conversation scope): the core reads just this conversation, and the host page
// hears of unread counts and of messages this user posts.
import { useEffect, useState } from "react";
import { setUnauthenticatedHandler } from "../../api/http";
import type { MessageDto } from "../../api/types";
import { Core, CoreProvider, EventRegistry, type ConfigSource } from "../../core";
import type { StoredSession } from "../auth/session";
import { registerMemberEvents } from "../members/events";
import { ConversationView } from "../messages/ConversationView";
import { registerMessageEvents } from "../messages/events";
import { registerPollEvents } from "../polls/events";
import type { ParentChannel } from "./channel";

function embedEvents(channel: Pick<ParentChannel, "post">, me: number): EventRegistry {
  const events = new EventRegistry();
  registerMessageEvents(events);
  registerMemberEvents(events);
  registerPollEvents(events);
  events.registerEventHandler("message.created", (event, { live }) => {
    const message = event.data as MessageDto;
    if (live && message.senderId === me) channel.post({ type: "message", conversationId: event.conversationId, messageId: message.id });
  });
  return events;
}

export default function EmbedConversation({
  session, conversationId, config, channel, onExpired, register, composerPlaceholder,
}: {
  session: StoredSession;
  conversationId: number;
  config: ConfigSource;
  channel: Pick<ParentChannel, "post">;
  onExpired: () => void;
  /** More event handlers of the page around the conversation (the visitor page's service state). */
  register?: (events: EventRegistry) => void;
  composerPlaceholder?: string;
}) {
  const [core] = useState(() => {
    const events = embedEvents(channel, session.user.id);
    register?.(events);
    return new Core({ user: session.user, token: () => session.token, events, config, only: conversationId });
  });

  useEffect(() => {
    setUnauthenticatedHandler(onExpired);
    core.start();
    core.store.dispatch({ type: "conversation/active", id: conversationId });
    const remaining = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(onExpired, Math.min(Math.max(remaining, 0), 2_000_000_000));
    // Unread count for the host page (a badge on its "chat" tab), each time it changes.
    let last = -1;
    const stopUnread = core.store.subscribe(() => {
      const count = core.store.getState().conversations[conversationId]?.unreadCount ?? 0;
      if (count !== last) channel.post({ type: "unread", count: (last = count) });
    });
    const visibility = () => {
      const visible = document.visibilityState === "visible";
      core.store.dispatch({ type: "visible", visible });
      if (visible) core.timelines.markRead(conversationId);
    };
    document.addEventListener("visibilitychange", visibility);
    return () => {
      clearTimeout(timer);
      stopUnread();
      document.removeEventListener("visibilitychange", visibility);
      setUnauthenticatedHandler(null);
      void core.stop();
    };
  }, [core, session, conversationId, channel, onExpired]);

  return (
    <CoreProvider core={core}>
      <div className="embed-frame" data-testid="embed-conversation">
        <main className="main" id="main" tabIndex={-1}>
          <ConversationView id={conversationId} focusMessageId={null} composerPlaceholder={composerPlaceholder} />
        </main>
      </div>
    </CoreProvider>
  );
}
