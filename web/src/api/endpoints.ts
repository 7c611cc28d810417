import { request, requestRaw } from "./http";
import type {
  CardActionRequest,
  CardActionResultDto,
  AssistantStateDto,
  ConversationSummaryDto,
  ReplySuggestionsDto,
  KnowledgeAnswerDto,
  KnowledgeArticleDto,
  SaveKnowledgeArticleRequest,
  AdminConversationDto,
  AdminHealthDto,
  BundleTranscriptDto,
  ForwardBundleRequest,
  CustomEmojiDto,
  ClientConfigDto,
  ConversationDto,
  ConversationKind,
  EventDto,
  FileDto,
  FileLinksDto,
  ListResponse,
  LoginResponse,
  MemberDto,
  MemberRole,
  MessageDto,
  MessagePage,
  MyPollStateDto,
  PollDetailDto,
  CreatePollRequest,
  PresenceDto,
  ReceiptsDto,
  SearchResponseDto,
  SessionDto,
  SyncResponse,
  UploadDto,
  UserDto,
  BookmarkDto,
  BookmarkPage,
  DraftDto,
  TotpEnrollmentDto,
  RecoveryCodesDto,
  SecurityPolicyDto,
  RuntimeSettingDto,
  RuntimeSettingsDto,
  DashboardDto,
  OidcSettingsDto,
  OidcSettingsRequest,
  OidcTestResultDto,
  OidcExchangeResponse,
  AuditPage,
  DepartmentDto,
  DirectoryEntryDto,
  DirectoryProfileDto,
  PushSettingsDto,
  PushSettingsRequest,
  PushSubscriptionDto,
  VapidPublicKeyDto,
  InvitationDto,
  CreatedInvitationDto,
  CreateInvitationRequest,
  InvitationPreviewDto,
  ScimTokenDto,
  CreatedScimTokenDto,
  CreateWebhookRequest,
  UpdateWebhookRequest,
  WebhookCreatedDto,
  WebhookDeliveryDto,
  WebhookDto,
  WebhookReplayDto,
  IncomingWebhookDto,
  CreatedIncomingWebhookDto,
  CreateIncomingWebhookRequest,
  BotDto,
  BotTokenDto,
  SlashCommandDto,
  CreatedSlashCommandDto,
  SlashCommandResultDto,
} from "./types";

const enc = encodeURIComponent;

export const setupApi = {
  status: () => request<{ needed: boolean }>("GET", "/setup"),
  create: (body: { username: string; password: string; displayName: string }) => request<LoginResponse>("POST", "/setup", { body }),
};

export const configApi = {
  /** Anonymous callers get only the password policy. */
  get: () => request<ClientConfigDto>("GET", "/config"),
};

export const authApi = {
  login: (username: string, password: string, totpCode?: string) =>
    request<LoginResponse>("POST", "/auth/login", { body: totpCode ? { username, password, totpCode } : { username, password } }),
  logout: () => request<void>("POST", "/auth/logout"),
  /** The one-time code from the single sign-on redirect, for a session (totpCode after totp_required). */
  oidcExchange: (code: string, totpCode?: string) =>
    request<OidcExchangeResponse>("POST", "/auth/oidc/exchange", { body: totpCode ? { code, totpCode } : { code } }),
  sessions: () => request<ListResponse<SessionDto>>("GET", "/auth/sessions"),
  revokeSession: (id: number) => request<void>("DELETE", `/auth/sessions/${id}`),
};

export const usersApi = {
  me: () => request<UserDto>("GET", "/users/me"),
  search: (query: string, limit = 20, includeInactive = false) =>
    request<ListResponse<UserDto>>("GET", "/users", { query: includeInactive ? { query, limit, includeInactive: "true" } : { query, limit } }),
  get: (id: number) => request<UserDto>("GET", `/users/${id}`),
  create: (body: { username: string; password: string; displayName: string; isAdmin: boolean; roles?: string[]; mustChangePassword?: boolean }) =>
    request<UserDto>("POST", "/users", { body }),
  update: (id: number, body: { displayName?: string; isActive?: boolean; roles?: string[]; mustChangePassword?: boolean; isExternal?: boolean }) =>
    request<UserDto>("PATCH", `/users/${id}`, { body }),
  resetPassword: (id: number, password: string, mustChangePassword: boolean) =>
    request<void>("PUT", `/users/${id}/password`, { body: { password, mustChangePassword } }),
  resetTotp: (id: number) => request<void>("DELETE", `/users/${id}/totp`),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>("PUT", "/users/me/password", { body: { currentPassword, newPassword } }),
  /** The raw picture as the body; the square (picture pixels, as shown) in the query. Answers the user with the new avatarUrl. */
  setAvatar: async (picture: Blob, crop: { x: number; y: number; size: number }) =>
    (await (await requestRaw("PUT", `/users/me/avatar?x=${crop.x}&y=${crop.y}&size=${crop.size}`, picture)).json()) as UserDto,
  removeAvatar: (id: number | "me") => request<UserDto>("DELETE", `/users/${id}/avatar`),
  presence: (userIds: number[]) => request<ListResponse<PresenceDto>>("GET", "/presence", { query: { userIds: userIds.join(",") } }),
};

export const conversationsApi = {
  list: () => request<ListResponse<ConversationDto>>("GET", "/conversations"),
  get: (id: number) => request<ConversationDto>("GET", `/conversations/${id}`),
  create: (body: { kind: ConversationKind; name?: string; memberIds?: number[]; topic?: string }) =>
    request<ConversationDto>("POST", "/conversations", { body }),
  update: (id: number, body: { name?: string; topic?: string; announcement?: string; isArchived?: boolean }) =>
    request<ConversationDto>("PATCH", `/conversations/${id}`, { body }),
  browseChannels: (query: string) => request<ListResponse<ConversationDto>>("GET", "/channels", { query: { query } }),
  join: (id: number) => request<ConversationDto>("POST", `/conversations/${id}/join`),
  leave: (id: number) => request<void>("POST", `/conversations/${id}/leave`),
  members: (id: number) => request<ListResponse<MemberDto>>("GET", `/conversations/${id}/members`),
  addMembers: (id: number, userIds: number[]) => request<void>("POST", `/conversations/${id}/members`, { body: { userIds } }),
  removeMember: (id: number, userId: number) => request<void>("DELETE", `/conversations/${id}/members/${userId}`),
  setRole: (id: number, userId: number, role: MemberRole) => request<void>("PUT", `/conversations/${id}/members/${userId}/role`, { body: { role } }),
  watermark: (id: number, enabled: boolean) => request<void>("PUT", `/conversations/${id}/watermark`, { body: { enabled } }),
  mute: (id: number, muted: boolean) => request<void>("PUT", `/conversations/${id}/mute`, { body: { muted } }),
  markRead: (id: number, seq: number) => request<void>("POST", `/conversations/${id}/read`, { body: { seq } }),
  pins: (id: number) => request<ListResponse<MessageDto>>("GET", `/conversations/${id}/pins`),
  events: (id: number, afterSeq: number, limit = 200) =>
    request<ListResponse<EventDto>>("GET", `/conversations/${id}/events`, { query: { afterSeq, limit } }),
  sync: (since: number) => request<SyncResponse>("GET", "/sync", { query: { since } }),
};

export interface MessagePageQuery {
  afterSeq?: number;
  beforeSeq?: number;
  limit?: number;
  threadRootId?: number;
}

export const messagesApi = {
  page: (conversationId: number, query: MessagePageQuery) =>
    request<MessagePage>("GET", `/conversations/${conversationId}/messages`, { query: { ...query } }),
  send: (conversationId: number, body: { text: string; clientMsgId: string; threadRootId?: number | null; quoteId?: number | null; fileIds?: number[]; urgentFor?: number[] }) =>
    request<MessageDto>("POST", `/conversations/${conversationId}/messages`, { body }),
  edit: (id: number, text: string) => request<MessageDto>("PATCH", `/messages/${id}`, { body: { text } }),
  remove: (id: number) => request<void>("DELETE", `/messages/${id}`),
  recall: (id: number) => request<void>("POST", `/messages/${id}/recall`),
  pin: (id: number) => request<void>("POST", `/messages/${id}/pin`),
  unpin: (id: number) => request<void>("DELETE", `/messages/${id}/pin`),
  forward: (id: number, conversationId: number, clientMsgId: string, comment?: string) =>
    request<MessageDto>("POST", `/messages/${id}/forward`, { body: { conversationId, clientMsgId, comment } }),
  react: (id: number, emoji: string) => request<void>("PUT", `/messages/${id}/reactions/${enc(emoji)}`),
  unreact: (id: number, emoji: string) => request<void>("DELETE", `/messages/${id}/reactions/${enc(emoji)}`),
  receipts: (id: number) => request<ReceiptsDto>("GET", `/messages/${id}/receipts`),
  search: (q: string, filters: { conversationId?: number; senderId?: number; from?: string; to?: string; limit?: number } = {}) =>
    request<SearchResponseDto>("GET", "/search", { query: { q, ...filters } }),
};

export const savedApi = {
  bookmark: (messageId: number, note?: string) => request<BookmarkDto>("PUT", `/messages/${messageId}/bookmark`, { body: { note: note ?? null } }),
  unbookmark: (messageId: number) => request<void>("DELETE", `/messages/${messageId}/bookmark`),
  bookmarks: (query: { before?: number; limit?: number } = {}) => request<BookmarkPage>("GET", "/bookmarks", { query }),
  drafts: () => request<ListResponse<DraftDto>>("GET", "/drafts"),
  /** Empty text removes the draft (the answer then has empty text too). */
  saveDraft: (conversationId: number, threadRootId: number | null, text: string, keepalive = false) =>
    request<DraftDto>("PUT", `/conversations/${conversationId}/draft`, { body: { text, threadRootId }, keepalive }),
};

export const pollsApi = {
  create: (conversationId: number, body: CreatePollRequest) => request<MessageDto>("POST", `/conversations/${conversationId}/polls`, { body }),
  get: (id: number) => request<PollDetailDto>("GET", `/polls/${id}`),
  mine: (ids: number[]) => request<ListResponse<MyPollStateDto>>("GET", "/polls/mine", { query: { ids: ids.join(",") } }),
  vote: (id: number, optionIds: number[]) => request<PollDetailDto>("PUT", `/polls/${id}/vote`, { body: { optionIds } }),
  signUp: (id: number, text: string) => request<PollDetailDto>("POST", `/polls/${id}/signups`, { body: { text } }),
  editSignup: (id: number, text: string) => request<PollDetailDto>("PUT", `/polls/${id}/signups/me`, { body: { text } }),
  removeSignup: (id: number) => request<PollDetailDto>("DELETE", `/polls/${id}/signups/me`),
  close: (id: number) => request<PollDetailDto>("POST", `/polls/${id}/close`),
};

export const cardsApi = {
  act: (messageId: number, body: CardActionRequest) => request<CardActionResultDto>("POST", `/messages/${messageId}/card-actions`, { body }),
};

export const bundlesApi = {
  forward: (targetId: number, body: ForwardBundleRequest) => request<MessageDto>("POST", `/conversations/${targetId}/bundles`, { body }),
  transcript: (messageId: number, itemId: number | null) =>
    request<BundleTranscriptDto>("GET", itemId === null ? `/messages/${messageId}/bundle` : `/messages/${messageId}/bundle/items/${itemId}`),
  file: async (messageId: number, fileId: number) => (await requestRaw("GET", `/messages/${messageId}/bundle/files/${fileId}`)).blob(),
  thumbnail: async (messageId: number, fileId: number) => (await requestRaw("GET", `/messages/${messageId}/bundle/files/${fileId}/thumbnail`)).blob(),
};

export const filesApi = {
  /** Signed URLs (download, inline, thumbnail) that <img>/<video>/<a> can load without the bearer token. */
  links: (id: number) => request<FileLinksDto>("POST", `/files/${id}/links`),
  list: (conversationId: number, query: { query?: string; beforeId?: number; limit?: number }) =>
    request<ListResponse<FileDto>>("GET", `/conversations/${conversationId}/files`, { query: { ...query } }),
  createUpload: (body: { name: string; size: number; contentType: string | null }) => request<UploadDto>("POST", "/uploads", { body }),
  uploadState: (uploadId: string) => request<UploadDto>("GET", `/uploads/${enc(uploadId)}`),
  completeUpload: (uploadId: string) => request<FileDto>("POST", `/uploads/${enc(uploadId)}/complete`),
  cancelUpload: (uploadId: string) => request<void>("DELETE", `/uploads/${enc(uploadId)}`),
};

export const totpApi = {
  begin: () => request<TotpEnrollmentDto>("POST", "/users/me/totp"),
  confirm: (code: string) => request<RecoveryCodesDto>("POST", "/users/me/totp/confirm", { body: { code } }),
  disable: (body: { password?: string; code?: string }) => request<void>("DELETE", "/users/me/totp", { body }),
};

export interface AuditFilters {
  action?: string;
  actorId?: number;
  targetId?: number;
  from?: string;
  to?: string;
}

export const adminApi = {
  /** Deployment health (system.manage). */
  health: () => request<AdminHealthDto>("GET", "/admin/health"),
  securityPolicy: () => request<SecurityPolicyDto>("GET", "/admin/security-policy"),
  setSecurityPolicy: (requireTwoFactor: string) => request<SecurityPolicyDto>("PUT", "/admin/security-policy", { body: { requireTwoFactor } }),
  /** Settings changeable at run time (system.manage): value in force, configured default, range. */
  settings: () => request<RuntimeSettingsDto>("GET", "/admin/settings"),
  setSetting: (key: string, value: number) => request<RuntimeSettingDto>("PUT", `/admin/settings/${encodeURIComponent(key)}`, { body: { value } }),
  resetSetting: (key: string) => request<RuntimeSettingDto>("DELETE", `/admin/settings/${encodeURIComponent(key)}`),
  dashboard: () => request<DashboardDto>("GET", "/admin/dashboard"),
  oidcSettings: () => request<OidcSettingsDto>("GET", "/admin/sso/oidc"),
  setOidcSettings: (body: OidcSettingsRequest) => request<OidcSettingsDto>("PUT", "/admin/sso/oidc", { body }),
  testOidc: (authority: string | null, requireHttpsMetadata: boolean) =>
    request<OidcTestResultDto>("POST", "/admin/sso/oidc/test", { body: { authority, requireHttpsMetadata } }),
  audit: (filters: AuditFilters & { before?: number; limit?: number }) => request<AuditPage>("GET", "/audit", { query: { ...filters } }),
};

/** Conversation administration (conversations.manage): every conversation, whoever asks is not a member. */
export const conversationAdminApi = {
  search: (query: { query?: string; kind?: string; archived?: boolean; limit?: number }) =>
    request<ListResponse<AdminConversationDto>>("GET", "/admin/conversations", {
      query: { query: query.query, kind: query.kind, archived: query.archived === undefined ? undefined : String(query.archived), limit: query.limit },
    }),
  get: (id: number) => request<AdminConversationDto>("GET", `/admin/conversations/${id}`),
  members: (id: number) => request<ListResponse<MemberDto>>("GET", `/admin/conversations/${id}/members`),
  addMembers: (id: number, userIds: number[]) => request<void>("POST", `/admin/conversations/${id}/members`, { body: { userIds } }),
  removeMember: (id: number, userId: number) => request<void>("DELETE", `/admin/conversations/${id}/members/${userId}`),
  archive: (id: number, archived: boolean) =>
    archived
      ? request<AdminConversationDto>("POST", `/admin/conversations/${id}/archive`)
      : request<AdminConversationDto>("POST", `/admin/conversations/${id}/unarchive`),
  transferOwnership: (id: number, userId: number) => request<AdminConversationDto>("PUT", `/admin/conversations/${id}/owner`, { body: { userId } }),
  setDefault: (id: number, addExistingUsers: boolean) => request<AdminConversationDto>("PUT", `/admin/conversations/${id}/default`, { body: { addExistingUsers } }),
  unsetDefault: (id: number) => request<AdminConversationDto>("DELETE", `/admin/conversations/${id}/default`),
  linkDepartment: (id: number, departmentId: number, includeSubDepartments: boolean) =>
    request<AdminConversationDto>("PUT", `/admin/conversations/${id}/department`, { body: { departmentId, includeSubDepartments } }),
  unlinkDepartment: (id: number) => request<AdminConversationDto>("DELETE", `/admin/conversations/${id}/department`),
  createDepartmentGroup: (departmentId: number, name: string | null, includeSubDepartments: boolean) =>
    request<AdminConversationDto>("POST", "/admin/department-groups", { body: { departmentId, name, includeSubDepartments } }),
};

/** The knowledge base the AI first line answers from (knowledge.manage). */
export const knowledgeApi = {
  list: (query: { language?: string; before?: number; limit?: number } = {}) =>
    request<ListResponse<KnowledgeArticleDto>>("GET", "/knowledge/articles", { query: { ...query } }),
  create: (body: SaveKnowledgeArticleRequest) => request<KnowledgeArticleDto>("POST", "/knowledge/articles", { body }),
  update: (id: number, body: SaveKnowledgeArticleRequest) => request<KnowledgeArticleDto>("PUT", `/knowledge/articles/${id}`, { body }),
  remove: (id: number) => request<void>("DELETE", `/knowledge/articles/${id}`),
  answer: (question: string, language: string | null) => request<KnowledgeAnswerDto>("POST", "/knowledge/answers", { body: { question, language } }),
};

/** The assistant in one conversation (members; off unless an administrator enabled it and the conversation consented). */
export const assistantApi = {
  state: (conversationId: number) => request<AssistantStateDto>("GET", `/conversations/${conversationId}/assistant`),
  setConsent: (conversationId: number, consent: boolean) => request<AssistantStateDto>("PUT", `/conversations/${conversationId}/assistant`, { body: { consent } }),
  summarizeUnread: (conversationId: number, afterSeq: number) =>
    request<ConversationSummaryDto>("POST", `/conversations/${conversationId}/summaries`, { body: { scope: "unread", afterSeq } }),
  suggestReplies: (conversationId: number, count = 3) =>
    request<ReplySuggestionsDto>("POST", `/conversations/${conversationId}/reply-suggestions`, { body: { count } }),
};

export const directoryApi = {
  search: (q: string) => request<ListResponse<DirectoryEntryDto>>("GET", "/directory/search", { query: { q } }),
  profile: (id: number) => request<DirectoryProfileDto>("GET", `/directory/users/${id}`),
  departments: () => request<ListResponse<DepartmentDto>>("GET", "/departments"),
  members: (id: number) => request<ListResponse<DirectoryEntryDto>>("GET", `/departments/${id}/members`),
  createDepartment: (name: string, parentId: number | null) => request<DepartmentDto>("POST", "/departments", { body: { name, parentId } }),
  updateDepartment: (id: number, body: { name?: string; parentId?: number; moveToTop?: boolean }) => request<DepartmentDto>("PATCH", `/departments/${id}`, { body }),
  deleteDepartment: (id: number) => request<void>("DELETE", `/departments/${id}`),
  addMember: (id: number, userId: number) => request<void>("PUT", `/departments/${id}/members/${userId}`),
  removeMember: (id: number, userId: number) => request<void>("DELETE", `/departments/${id}/members/${userId}`),
  updateProfile: (userId: number | "me", body: { displayName?: string; title?: string; phone?: string; employeeNumber?: string; managerId?: number; clearManager?: boolean }) =>
    request<DirectoryProfileDto>("PUT", `/users/${userId}/profile`, { body }),
};

/** Custom emoji (reactions ":name:"): images need the bearer token, so they are fetched as blobs. */
export const customEmojiApi = {
  list: () => request<ListResponse<CustomEmojiDto>>("GET", "/custom-emoji"),
  image: async (name: string) => (await requestRaw("GET", `/custom-emoji/${enc(name)}/image`)).blob(),
  add: async (name: string, file: File) => {
    const form = new FormData();
    form.append("name", name);
    form.append("file", file);
    return (await (await requestRaw("POST", "/custom-emoji", form)).json()) as CustomEmojiDto;
  },
  remove: (name: string) => request<void>("DELETE", `/custom-emoji/${enc(name)}`),
};

/** Web Push: this user's devices, the server's VAPID key and the do-not-disturb settings. */
export const pushApi = {
  vapidPublicKey: () => request<VapidPublicKeyDto>("GET", "/push/vapid-public-key"),
  devices: () => request<ListResponse<PushSubscriptionDto>>("GET", "/push/subscriptions"),
  /** The browser's PushSubscription.toJSON(); the same endpoint again updates its registration. */
  register: (subscription: PushSubscriptionJSON, language: string) =>
    request<PushSubscriptionDto>("POST", "/push/subscriptions", { body: { ...subscription, language } }),
  remove: (id: number) => request<void>("DELETE", `/push/subscriptions/${id}`),
  settings: () => request<PushSettingsDto>("GET", "/push/settings"),
  saveSettings: (body: PushSettingsRequest) => request<PushSettingsDto>("PUT", "/push/settings", { body }),
};

/** Invitations by link: the administrator's list (users.manage), and the invitee's two anonymous calls. */
export const invitationsApi = {
  list: () => request<ListResponse<InvitationDto>>("GET", "/admin/invitations"),
  create: (body: CreateInvitationRequest) => request<CreatedInvitationDto>("POST", "/admin/invitations", { body }),
  revoke: (id: number) => request<void>("DELETE", `/admin/invitations/${id}`),
  preview: (token: string) => request<InvitationPreviewDto>("GET", `/invitations/${enc(token)}`),
  accept: (token: string, body: { username: string; displayName: string | null; password: string }) =>
    request<LoginResponse>("POST", `/invitations/${enc(token)}/accept`, { body }),
};

/** SCIM provisioning tokens (users.manage): the secret is in the create answer only. */
export const scimTokensApi = {
  list: () => request<ListResponse<ScimTokenDto>>("GET", "/admin/scim-tokens"),
  create: (name: string) => request<CreatedScimTokenDto>("POST", "/admin/scim-tokens", { body: { name } }),
  revoke: (id: number) => request<void>("DELETE", `/admin/scim-tokens/${id}`),
};

/** Outgoing webhooks (integrations.manage): the signing secret is in the create answer only. */
export const webhooksApi = {
  list: () => request<ListResponse<WebhookDto>>("GET", "/webhooks"),
  create: (body: CreateWebhookRequest) => request<WebhookCreatedDto>("POST", "/webhooks", { body }),
  update: (id: number, body: UpdateWebhookRequest) => request<WebhookDto>("PATCH", `/webhooks/${id}`, { body }),
  remove: (id: number) => request<void>("DELETE", `/webhooks/${id}`),
  deliveries: (id: number, status?: string) => request<ListResponse<WebhookDeliveryDto>>("GET", `/webhooks/${id}/deliveries`, { query: { status, limit: 50 } }),
  replay: (id: number, deliveryId: number) => request<WebhookReplayDto>("POST", `/webhooks/${id}/deliveries/${deliveryId}/replay`),
  replayDead: (id: number) => request<WebhookReplayDto>("POST", `/webhooks/${id}/deliveries/replay`),
};

/** A conversation's incoming webhooks (its owners and admins, or conversations.manage): the URL and signing secret are in the create answer only. */
export const incomingWebhooksApi = {
  list: (conversationId: number) => request<ListResponse<IncomingWebhookDto>>("GET", `/conversations/${conversationId}/incoming-webhooks`),
  create: (conversationId: number, body: CreateIncomingWebhookRequest) =>
    request<CreatedIncomingWebhookDto>("POST", `/conversations/${conversationId}/incoming-webhooks`, { body }),
  revoke: (conversationId: number, hookId: number) => request<void>("DELETE", `/conversations/${conversationId}/incoming-webhooks/${hookId}`),
};

/** Bot users and their tokens (integrations.manage): a token is in the create and rotate answers only. */
export const botsApi = {
  list: () => request<ListResponse<BotDto>>("GET", "/bots"),
  create: (body: { username: string; displayName: string | null; scopes: string[] }) => request<BotTokenDto>("POST", "/bots", { body }),
  rotate: (id: number) => request<BotTokenDto>("POST", `/bots/${id}/token`),
  deactivate: (id: number) => request<BotDto>("POST", `/bots/${id}/deactivate`),
  activate: (id: number) => request<BotDto>("POST", `/bots/${id}/activate`),
};

/** Slash commands: the list the composer offers; a command runs by sending its text as a message (200 with the reply). */
export const slashCommandsApi = {
  list: () => request<ListResponse<SlashCommandDto>>("GET", "/slash-commands"),
  run: (conversationId: number, text: string) => request<SlashCommandResultDto>("POST", `/conversations/${conversationId}/messages`, { body: { text } }),
  /** Registers an external command (integrations.manage); the signing secret is in this answer only. */
  create: (body: { command: string; url: string; description: string; usageHint: string | null }) =>
    request<CreatedSlashCommandDto>("POST", "/slash-commands", { body }),
  remove: (id: number) => request<void>("DELETE", `/slash-commands/${id}`),
};
