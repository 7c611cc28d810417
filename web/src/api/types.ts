// Wire types. The server's DTOs are generated from its OpenAPI document into schema.gen.ts at build time
// (scripts/gen-api.mjs); here they get their client names, and string fields the document leaves open are narrowed
// to the values the server sends. Hub-only payloads (not in the OpenAPI document) and client-only types stay hand-written.
import type { components } from "./schema.gen";

type Schemas = components["schemas"];

/** A generated type with some fields narrowed; each narrowed field must exist and stay assignable to the server's. */
type Narrowed<T, N extends { [K in keyof N]: K extends keyof T ? T[K] : never }> = Omit<T, keyof N> & N;

export type ConversationKind = "direct" | "group" | "channel";
export type MemberRole = "owner" | "admin" | "member";
export type PresenceStatus = "online" | "away" | "offline";

export type UserDto = Schemas["UserDto"];
export type BotDto = Schemas["BotDto"];
export type BotTokenDto = Schemas["BotTokenDto"];
export type SlashCommandDto = Schemas["SlashCommandDto"];
export type CreatedSlashCommandDto = Schemas["CreatedSlashCommandDto"];
export type SlashCommandResultDto = Schemas["SlashCommandResultDto"];
export type AdminHealthDto = Schemas["AdminHealthDto"];
export type LoginResponse = Schemas["LoginResponse"];
export type SessionDto = Schemas["SessionDto"];
export type TotpEnrollmentDto = Schemas["TotpEnrollmentDto"];
export type RecoveryCodesDto = Schemas["RecoveryCodesDto"];
export type SecurityPolicyDto = Schemas["SecurityPolicyDto"];
export type RuntimeSettingDto = Schemas["RuntimeSettingDto"];
export type RuntimeSettingsDto = Schemas["RuntimeSettingsDto"];
export type DashboardDto = Schemas["DashboardDto"];
export type OidcSettingsDto = Schemas["OidcSettingsDto"];
export type OidcSettingsRequest = Schemas["OidcSettingsRequest"];
export type OidcTestResultDto = Schemas["OidcTestResultDto"];
export type OidcExchangeResponse = Schemas["OidcExchangeResponse"];
export type AuditEntryDto = Schemas["AuditEntryDto"];
export type AuditPage = Schemas["AuditPage"];
export type DepartmentDto = Schemas["DepartmentDto"];
export type DirectoryEntryDto = Schemas["DirectoryEntryDto"];
export type DirectoryProfileDto = Schemas["DirectoryProfileDto"];
/** Conversation administration (conversations.manage): any conversation, with default-channel and department-group state. */
/** Customer service (issue 18): states and routing narrowed to the values the server sends. */
export type ServiceState = "bot" | "waiting" | "assigned" | "closed";
export type ServiceRouting = "round_robin" | "least_busy";
export type ServiceWidgetDto = Schemas["ServiceWidgetDto"];
export type SaveServiceWidgetRequest = Schemas["SaveServiceWidgetRequest"];
export type PublicServiceWidgetDto = Schemas["ServiceWidgetPublicDto"];
export type ServiceAgentDto = Schemas["ServiceAgentDto"];
export type ServiceQueueDto = Narrowed<Schemas["ServiceQueueDto"], { routing: ServiceRouting }>;
export type ServiceVisitorDto = Schemas["ServiceVisitorDto"];
export type ServiceConversationDto = Narrowed<Schemas["ServiceConversationDto"], { state: ServiceState }>;
export type ServiceNoteDto = Schemas["ServiceNoteDto"];
export type ServiceCannedReplyDto = Schemas["ServiceCannedReplyDto"];
export type ServiceStatsDto = Schemas["ServiceStatsDto"];
export type VisitorSessionRequest = Schemas["CreateVisitorSessionRequest"];
export type VisitorChallengeDto = Schemas["VisitorChallengeDto"];
export type VisitorSessionDto = Narrowed<Schemas["VisitorSessionDto"], { state: ServiceState }>;
export type VisitorStateDto = Narrowed<Schemas["ServiceVisitorStateDto"], { state: ServiceState }>;
export type ServiceHandoffDto = Narrowed<Schemas["ServiceHandoffDto"], { state: ServiceState }>;
export type KnowledgeArticleDto = Narrowed<Schemas["KnowledgeArticleDto"], { kind: "article" | "faq"; language: "zh-CN" | "en" }>;
export type SaveKnowledgeArticleRequest = Schemas["SaveKnowledgeArticleRequest"];
export type KnowledgeAnswerDto = Schemas["KnowledgeAnswerDto"];
export type AssistantStateDto = Schemas["AssistantStateDto"];
export type ConversationSummaryDto = Schemas["ConversationSummaryDto"];
export type ReplySuggestionsDto = Schemas["ReplySuggestionsDto"];
export type AdminConversationDto = Narrowed<Schemas["AdminConversationDto"], { kind: ConversationKind }>;
export type InvitationDto = Schemas["InvitationDto"];
export type CreatedInvitationDto = Schemas["CreatedInvitationDto"];
export type CreateInvitationRequest = Schemas["CreateInvitationRequest"];
export type InvitationPreviewDto = Schemas["InvitationPreviewDto"];
export type ScimTokenDto = Schemas["ScimTokenDto"];
export type CreatedScimTokenDto = Schemas["CreatedScimTokenDto"];
/** Outgoing webhooks (integrations.manage): the secret is in WebhookCreatedDto only. */
export type WebhookDto = Schemas["WebhookDto"];
export type WebhookCreatedDto = Schemas["WebhookCreatedDto"];
export type CreateWebhookRequest = Schemas["CreateWebhookRequest"];
export type UpdateWebhookRequest = Schemas["UpdateWebhookRequest"];
export type WebhookDeliveryDto = Schemas["WebhookDeliveryDto"];
export type WebhookReplayDto = Schemas["WebhookReplayDto"];
/** Incoming webhooks of one conversation (its owners and admins): the token, URL and signing secret are in CreatedIncomingWebhookDto only. */
export type IncomingWebhookDto = Schemas["IncomingWebhookDto"];
export type CreatedIncomingWebhookDto = Schemas["CreatedIncomingWebhookDto"];
export type CreateIncomingWebhookRequest = Schemas["CreateIncomingWebhookRequest"];
/** POST /auth/hub-ticket: what the hub connection sends as access_token instead of the bearer token. */
export type HubTicketDto = Schemas["HubTicketDto"];
export type PresenceDto = Narrowed<Schemas["PresenceDto"], { status: PresenceStatus }>;
export type ConversationDto = Narrowed<Schemas["ConversationDto"], { kind: ConversationKind; role: MemberRole | null }>;
export type MemberDto = Narrowed<Schemas["MemberDto"], { role: MemberRole }>;
export type ReactionDto = Schemas["ReactionDto"];
export type FileDto = Schemas["FileDto"];
export type CustomEmojiDto = Schemas["CustomEmojiDto"];
export type PushSubscriptionDto = Schemas["PushSubscriptionDto"];
export type PushSettingsDto = Schemas["PushSettingsDto"];
export type PushSettingsRequest = Schemas["PushSettingsRequest"];
export type VapidPublicKeyDto = Schemas["VapidPublicKeyDto"];
/** POST /files/{id}/links: short-lived signed URLs; inline only for images, video, audio, PDF and plain text. */
export type FileLinksDto = Schemas["FileLinksDto"];
export type UploadDto = Schemas["UploadDto"];
export type BundleDto = Schemas["BundleDto"];
export type BundleTranscriptDto = Schemas["BundleTranscriptDto"];
export type BundleItemDto = Schemas["BundleItemDto"];
export type BundleFileDto = Schemas["BundleFileDto"];
export type ForwardBundleRequest = Schemas["ForwardBundleRequest"];
export type MessagePage = Omit<Schemas["MessagePage"], "items"> & { items: MessageDto[] };
export type ReceiptsDto = Schemas["ReceiptsDto"];
/** An urgent message's counts, on every member's copy (absent or null when it is not urgent). */
export type MessageUrgentDto = Schemas["MessageUrgentDto"];
/** GET /messages/{id}/urgent: everyone for the sender and managers, the caller's own row otherwise. */
export type UrgentStateDto = Schemas["UrgentStateDto"];
/** GET /urgent/pending and the user-addressed urgent.requested event: a banner entry. */
export type PendingUrgentDto = Schemas["PendingUrgentDto"];
export type TranslationDto = Schemas["TranslationDto"];
export type TranslationStatusDto = Schemas["TranslationStatusDto"];
export type TranslationPreferencesDto = Schemas["TranslationPreferencesDto"];
export type ConversationTranslationDto = Schemas["ConversationTranslationDto"];
export type TranslationSettingsDto = Schemas["TranslationSettingsDto"];
export type UpdateTranslationSettingsRequest = Schemas["UpdateTranslationSettingsRequest"];
export type CallDto = Schemas["CallDto"];
export type CallJoinDto = Schemas["CallJoinDto"];
export type IceServersDto = Schemas["IceServersDto"];
/** Logged call.started / call.ended data (not in the OpenAPI document: event data). */
export type CallEventData = { callId: number; media: string; topology: string; startedBy: number; outcome: string | null; durationSeconds: number | null; participants: number[] | null };
/** Hub-only (user-addressed call.ring, call.ring_stopped, call.updated). */
export type CallRingData = { call: CallDto };
/** Hub-only (user-addressed call.signal): an offer, answer or ICE candidate from another participant. */
export type CallSignalData = { callId: number; fromUserId: number; kind: "offer" | "answer" | "candidate"; payload: string };
export type BookmarkDto = Narrowed<Schemas["BookmarkDto"], { conversationKind: ConversationKind | null }>;
export type BookmarkPage = Omit<Schemas["BookmarkPage"], "items"> & { items: BookmarkDto[] };
export type DraftDto = Schemas["DraftDto"];
/** The data of bookmark.changed (hub only): a message was saved or removed on one of the user's devices. */
export interface BookmarkEventData {
  messageId: number;
  conversationId: number;
  saved: boolean;
  note: string | null;
}
/** `files` is absent or null on messages without attachments; `poll` on messages that carry no poll or sign-up chain. */
export type MessageDto = Narrowed<Schemas["MessageDto"], { poll?: PollDto | null }>;
export type PollKind = "poll" | "signup";
export type PollOptionDto = Schemas["PollOptionDto"];
export type SignupEntryDto = Schemas["SignupEntryDto"];
/** A message's poll or sign-up chain (接龙): results every member may see, without anyone's own choice. */
export type PollDto = Narrowed<Schemas["PollDto"], { kind: PollKind }>;
/** GET /polls/{id} and every poll write: the full results plus the caller's own choice. */
export type PollDetailDto = Narrowed<Schemas["PollDetailDto"], { poll: PollDto }>;
/** The caller's own choice in one poll (GET /polls/mine, and the user-only poll.mine event). */
export type MyPollStateDto = Schemas["MyPollStateDto"];
export type CreatePollRequest = Narrowed<Schemas["CreatePollRequest"], { kind: PollKind }>;
/** A message's card (Features/Cards on the server): structured blocks, rendered by features/cards, never as HTML. */
export type CardDto = Schemas["CardDto"];
export type CardBlockDto = Schemas["CardBlockDto"];
export type CardButtonDto = Schemas["CardButtonDto"];
export type CardInputDto = Schemas["CardInputDto"];
export type CardActionRequest = Schemas["CardActionRequest"];
export type CardEphemeralDto = Schemas["CardEphemeralDto"];
export type CardActionResultDto = Narrowed<Schemas["CardActionResultDto"], { outcome: "updated" | "ephemeral" | "none" }>;
export type SearchHitDto = Schemas["SearchHitDto"];
export type SearchResponseDto = Schemas["SearchResponse"];
export type SyncResponse = Narrowed<Schemas["SyncResponse"], { conversations: ConversationDto[] }>;
/** GET /config: without a token only `auth`; the other sections are null. */
export type ClientConfigDto = Schemas["ClientConfigDto"];
/** The envelope of every log entry and hub event; `type` is one of LoggedEventType or EphemeralEventType. */
export type EventDto = Schemas["EventDto"];

/** The server's list answers (ListResponseOf…) share one shape. */
export interface ListResponse<T> {
  items: T[];
}

export type LoggedEventType =
  | "message.created"
  | "message.edited"
  | "message.deleted"
  | "message.recalled"
  | "message.pinned"
  | "message.unpinned"
  | "reaction.added"
  | "reaction.removed"
  | "member.joined"
  | "member.left"
  | "member.role"
  | "conversation.updated"
  | "poll.updated";

/**
 * "resync" has no data: the client runs its catch-up, as after a reconnect (cluster mode).
 * "hello" is the first event of every connection: the server's heartbeat settings (HelloEventData).
 */
export type EphemeralEventType = "receipt" | "typing" | "presence" | "resync" | "hello" | "poll.mine";

export interface HelloEventData {
  keepAliveSeconds: number;
  clientTimeoutSeconds: number;
}

export interface ReactionEventData {
  messageId: number;
  emoji: string;
  userId: number;
}

/** poll.updated: the poll's new summary, which replaces the message's `poll`. */
export interface PollEventData {
  messageId: number;
  poll: PollDto;
}

export interface MemberEventData {
  userId: number;
  role: MemberRole | null;
}

/** Stable problem+json codes (ErrorCodes in Hub.cs). */
export const ErrorCodes = {
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  notFound: "not_found",
  conflict: "conflict",
  setupDone: "setup_already_done",
  invalidCredentials: "invalid_credentials",
  accountLocked: "account_locked",
  accountDisabled: "account_disabled",
  rateLimited: "rate_limited",
  messageTooLarge: "message_too_large",
  recallWindowPassed: "recall_window_passed",
  conversationArchived: "conversation_archived",
} as const;

/** The data of the user-addressed urgent.acknowledged and urgent.cleared events: the banner entry to drop. */
export interface UrgentClearedData {
  messageId: number;
  conversationId: number;
}
export type EmbedAppDto = Schemas["EmbedAppDto"];
export type CreatedEmbedAppDto = Schemas["CreatedEmbedAppDto"];
export type EmbedSessionDto = Schemas["EmbedSessionDto"];
