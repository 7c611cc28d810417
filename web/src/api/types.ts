// Wire types mirroring src/Parley.Contracts/*.cs (JSON is camelCase; DateTimeOffset is an ISO string).
// Hand-copied until the server publishes /openapi/v1.json; keep in step with the C# records.

export type ConversationKind = "direct" | "group" | "channel";
export type MemberRole = "owner" | "admin" | "member";
export type PresenceStatus = "online" | "away" | "offline";

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  isAdmin: boolean;
  isActive: boolean;
  createdAt: string;
}

export interface LoginResponse {
  token: string;
  user: UserDto;
  sessionId: number;
  expiresAt: string;
}

export interface SessionDto {
  id: number;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

export interface PresenceDto {
  userId: number;
  status: PresenceStatus;
  lastSeenAt: string | null;
}

export interface ConversationDto {
  id: number;
  kind: ConversationKind;
  name: string | null;
  topic: string | null;
  announcement: string | null;
  isArchived: boolean;
  lastSeq: number;
  readSeq: number;
  unreadCount: number;
  mentionCount: number;
  muted: boolean;
  role: MemberRole | null;
  memberCount: number;
  createdAt: string;
  lastActivityAt: string;
  directUserIds: number[] | null;
}

export interface MemberDto {
  userId: number;
  username: string;
  displayName: string;
  role: MemberRole;
  readSeq: number;
  muted: boolean;
  joinedAt: string;
}

export interface ReactionDto {
  emoji: string;
  count: number;
  userIds: number[];
}

export interface FileDto {
  id: number;
  name: string;
  size: number;
  contentType: string;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  uploaderId: number;
  conversationId: number | null;
  messageId: number | null;
  createdAt: string;
}

/** POST /files/{id}/links: short-lived signed URLs; inline only for images, video, audio, PDF and plain text. */
export interface FileLinksDto {
  fileId: number;
  downloadUrl: string;
  inlineUrl: string | null;
  thumbnailUrl: string | null;
  expiresAt: string;
}

export interface UploadDto {
  uploadId: string;
  name: string;
  size: number;
  offset: number;
  chunkSize: number;
  expiresAt: string;
}

export interface MessageDto {
  id: number;
  conversationId: number;
  seq: number;
  senderId: number;
  text: string;
  clientMsgId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  recalledAt: string | null;
  threadRootId: number | null;
  replyCount: number;
  quoteId: number | null;
  forwardedFromId: number | null;
  mentions: number[];
  mentionsAll: boolean;
  pinnedAt: string | null;
  reactions: ReactionDto[];
  /** Attached files (issue 4); absent or null on servers and messages without them. */
  files?: FileDto[] | null;
}

export interface ReceiptsDto {
  messageId: number;
  seq: number;
  readBy: number[];
  unreadBy: number[];
}

export interface SearchResponseDto {
  items: SearchHitDto[];
}

export interface SearchHitDto {
  message: MessageDto;
  snippet: string;
}

export interface ListResponse<T> {
  items: T[];
}

export interface SyncResponse {
  cursor: number;
  conversations: ConversationDto[];
  removed: number[];
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
  | "conversation.updated";

/**
 * "resync" has no data: the client runs its catch-up, as after a reconnect (cluster mode).
 * "hello" is the first event of every connection: the server's heartbeat settings (HelloEventData).
 */
export type EphemeralEventType = "receipt" | "typing" | "presence" | "resync" | "hello";

export interface HelloEventData {
  keepAliveSeconds: number;
  clientTimeoutSeconds: number;
}

export interface ReactionEventData {
  messageId: number;
  emoji: string;
  userId: number;
}

export interface MemberEventData {
  userId: number;
  role: MemberRole | null;
}

export interface EventDto {
  type: LoggedEventType | EphemeralEventType | string;
  conversationId: number;
  seq: number | null;
  data: unknown;
  at: string;
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
