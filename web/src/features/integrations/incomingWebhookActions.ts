// A conversation's incoming webhooks, as its owners and admins manage them from the members panel.
import { incomingWebhooksApi } from "../../api/endpoints";
import type { ConversationDto, CreatedIncomingWebhookDto, IncomingWebhookDto } from "../../api/types";

export const loadIncomingWebhooks = async (conversationId: number): Promise<IncomingWebhookDto[]> =>
  (await incomingWebhooksApi.list(conversationId)).items;

/** An empty action URL means "no interactive cards": it is sent as null, not as "". */
export const createIncomingWebhook = (conversationId: number, name: string, actionUrl: string): Promise<CreatedIncomingWebhookDto> =>
  incomingWebhooksApi.create(conversationId, { name: name.trim(), actionUrl: actionUrl.trim() || null });

export const revokeIncomingWebhook = (conversationId: number, hookId: number): Promise<void> => incomingWebhooksApi.revoke(conversationId, hookId);

/** Who sees the Integrations part: owners and admins of a group or channel, or holders of conversations.manage (never in a direct conversation). */
export function canManageIncomingWebhooks(conversation: Pick<ConversationDto, "kind" | "role">, permissions: readonly string[] | undefined): boolean {
  if (conversation.kind === "direct") return false;
  return conversation.role === "owner" || conversation.role === "admin" || (permissions?.includes("conversations.manage") ?? false);
}

/** Wraps a value in single quotes for a POSIX shell (a quote inside becomes '\''). */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** A copy-paste curl line that posts Slack's JSON `{ "text": … }` to a hook's URL. */
export function curlExample(url: string, text: string): string {
  const body = JSON.stringify({ text });
  return `curl -X POST -H 'Content-Type: application/json' -d ${shellQuote(body)} ${shellQuote(url)}`;
}
