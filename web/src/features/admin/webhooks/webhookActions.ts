// Admin console → Webhooks (integrations.manage): the calls its section makes.
import { conversationAdminApi, webhooksApi } from "../../../api/endpoints";
import type { AdminConversationDto, CreateWebhookRequest, WebhookCreatedDto, WebhookDeliveryDto, WebhookDto } from "../../../api/types";

/** The event types a webhook can subscribe to (Contracts/Webhooks.cs WebhookEventTypes). */
export const WEBHOOK_EVENTS = ["message.created", "message.updated", "message.deleted", "member.joined", "member.left"] as const;

export const loadWebhooks = async (): Promise<WebhookDto[]> => (await webhooksApi.list()).items;
export const createWebhook = (body: CreateWebhookRequest): Promise<WebhookCreatedDto> => webhooksApi.create(body);
export const setWebhookEnabled = (id: number, enabled: boolean): Promise<WebhookDto> =>
  webhooksApi.update(id, { url: null, events: null, conversationIds: null, triggerWords: null, enabled });
export const deleteWebhook = (id: number): Promise<void> => webhooksApi.remove(id);
export const loadDeliveries = async (id: number): Promise<WebhookDeliveryDto[]> => (await webhooksApi.deliveries(id)).items;
export const replayDelivery = (id: number, deliveryId: number) => webhooksApi.replay(id, deliveryId);
export const replayDead = (id: number) => webhooksApi.replayDead(id);

/** Groups and channels a webhook can be limited to (direct conversations are not offered). */
export const loadSubscribableConversations = async (): Promise<AdminConversationDto[]> =>
  (await conversationAdminApi.search({ archived: false, limit: 100 })).items.filter((c) => c.kind !== "direct");

/** "deploy, 上线" → ["deploy", "上线"]: comma- or newline-separated, trimmed, empties dropped. */
export function parseTriggerWords(text: string): string[] {
  return text
    .split(/[,，\n]/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}
