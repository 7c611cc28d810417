// Message operations. Results arrive back as log events (edit, recall, reaction…), so most actions only call the API;
// the ack of an edit is applied at once so the author sees it even if the push is slow.
import { conversationsApi, messagesApi } from "../../api/endpoints";
import type { MessageDto, ReceiptsDto } from "../../api/types";
import { newClientMsgId, type Core, type SendOptions } from "../../core";

function mergeAck({ store }: Core, message: MessageDto | undefined): void {
  if (message && typeof message === "object" && "id" in message) {
    store.dispatch({ type: "timeline/merge", conversationId: message.conversationId, messages: [message] });
  }
}

export async function editMessage(core: Core, id: number, text: string): Promise<void> {
  mergeAck(core, await messagesApi.edit(id, text));
}

export const deleteMessage = (id: number) => messagesApi.remove(id);
export const recallMessage = (id: number) => messagesApi.recall(id);
export const pinMessage = (id: number) => messagesApi.pin(id);
export const unpinMessage = (id: number) => messagesApi.unpin(id);

export function toggleReaction(message: MessageDto, emoji: string, meId: number): Promise<void> {
  const mine = message.reactions.find((r) => r.emoji === emoji)?.userIds.includes(meId) ?? false;
  return mine ? messagesApi.unreact(message.id, emoji) : messagesApi.react(message.id, emoji);
}

export function forwardMessage(id: number, conversationId: number, comment: string): Promise<MessageDto> {
  return messagesApi.forward(id, conversationId, newClientMsgId(), comment || undefined);
}

export const loadReceipts = (id: number): Promise<ReceiptsDto> => messagesApi.receipts(id);

export async function loadPins(conversationId: number): Promise<MessageDto[]> {
  return (await conversationsApi.pins(conversationId)).items;
}

export function sendMessage({ outbox }: Core, conversationId: number, text: string, options: SendOptions = {}): void {
  outbox.send(conversationId, text, options);
}

export const retryPending = ({ outbox }: Core, clientMsgId: string) => outbox.retry(clientMsgId);
export const discardPending = ({ outbox }: Core, clientMsgId: string) => outbox.discard(clientMsgId);

let lastTyping = 0;
/** At most one typing signal every 3 s per user. */
export function signalTyping({ hub }: Core, conversationId: number): void {
  const now = Date.now();
  if (now - lastTyping < 3000) return;
  lastTyping = now;
  hub.typing(conversationId);
}
