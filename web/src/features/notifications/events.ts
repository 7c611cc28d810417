// A desktop notification for a new message in a direct conversation or one that mentions me, while the tab is hidden.
import type { MessageDto } from "../../api/types";
import type { ChatState, EventRegistry } from "../../core";
import { shouldNotify, showNotification } from "./notify";

/** Given by the app, which knows how conversations and people are named and how to open a conversation. */
export interface NotificationTexts {
  conversationTitle: (state: ChatState, conversationId: number) => string;
  senderName: (state: ChatState, userId: number) => string;
  open: (conversationId: number) => void;
}

export function registerNotificationEvents({ registerEventHandler }: EventRegistry, texts: NotificationTexts): void {
  registerEventHandler("message.created", (event, { live, before, after }) => {
    const message = event.data as MessageDto;
    const known = before.conversations[event.conversationId];
    // Only what is new to me: catch-up replays and pages fetched again are not news.
    const isNew = event.seq !== null && (!known || event.seq > known.lastSeq);
    if (!live || !isNew || !shouldNotify(known, message, after.me?.id ?? -1, document.hidden)) return;
    // A message of only files has no text: name the files instead of showing "Alice: ".
    const body = message.text || (message.files ?? []).map((f) => `📎 ${f.name}`).join(", ");
    showNotification(texts.conversationTitle(after, event.conversationId), `${texts.senderName(after, message.senderId)}: ${body}`, () => texts.open(event.conversationId));
  });
}
