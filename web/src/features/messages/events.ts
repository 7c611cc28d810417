// A message that arrives in the conversation I am looking at is read at once (unless it is my own).
import type { MessageDto } from "../../api/types";
import type { EventRegistry } from "../../core";

export function registerMessageEvents({ registerEventHandler }: EventRegistry): void {
  registerEventHandler("message.created", (event, { core, after }) => {
    const message = event.data as MessageDto;
    if (after.activeConversationId === event.conversationId && after.visible && message.senderId !== after.me?.id) core.timelines.markRead(event.conversationId);
  });
}
