namespace Parley.Contracts;

/// <summary>Names on the SignalR hub at <see cref="Path"/>; shared by the server, clients, load generator and tests.</summary>
public static class HubNames
{
    public const string Path = "/api/v1/hub";

    /// <summary>The one server-to-client method; its argument is an <see cref="EventDto"/> envelope.</summary>
    public const string Event = "event";

    public const string SendMessage = "SendMessage";

    /// <summary>Send(conversationId, SendMessageRequest): thread replies, quotes and files over the hub.</summary>
    public const string Send = "Send";
    public const string Typing = "Typing";
    public const string MarkRead = "MarkRead";
    public const string SetPresence = "SetPresence";
    public const string WatchPresence = "WatchPresence";
    public const string UnwatchPresence = "UnwatchPresence";

    /// <summary>Hello(): the heartbeat settings of the hello event (<see cref="HelloEventData"/>).</summary>
    public const string Hello = "Hello";

    /// <summary>CallSignal(callId, toUserId, kind, payload): an offer, answer or ICE candidate to one participant (<see cref="CallSignalData"/>).</summary>
    public const string CallSignal = "CallSignal";

    /// <summary>CallHeartbeat(callId): a joined participant is still there (the web client sends it every 10 s; Parley:Calls:ParticipantTimeout drops the silent).</summary>
    public const string CallHeartbeat = "CallHeartbeat";
}

/// <summary>Event <c>type</c> values of the envelope.</summary>
public static class EventTypes
{
    public const string MessageCreated = "message.created";
    public const string MessageEdited = "message.edited";
    public const string MessageDeleted = "message.deleted";
    public const string MessageRecalled = "message.recalled";
    public const string MessagePinned = "message.pinned";
    public const string MessageUnpinned = "message.unpinned";
    public const string ReactionAdded = "reaction.added";
    public const string ReactionRemoved = "reaction.removed";
    public const string MemberJoined = "member.joined";
    public const string MemberLeft = "member.left";
    public const string MemberRoleChanged = "member.role";
    public const string ConversationUpdated = "conversation.updated";

    // User-addressed (conversationId 0, no seq): to every device of one user.
    /// <summary>A scheduled message of the user's was created, changed, sent, failed or deleted (<see cref="ScheduledMessageDto"/>).</summary>
    public const string ScheduledUpdated = "scheduled.updated";
    /// <summary>A reminder of the user's was set, changed or deleted (<see cref="ReminderDto"/>).</summary>
    public const string ReminderUpdated = "reminder.updated";
    /// <summary>A reminder's time came (<see cref="ReminderDto"/>, status due).</summary>
    public const string ReminderDue = "reminder.due";
    // User-addressed (to every connection of one user, conversationId 0, no seq): personal state synced across devices.
    public const string BookmarkChanged = "bookmark.changed";
    public const string DraftChanged = "draft.changed";
    /// <summary>A poll's results changed (vote, sign-up, close): <see cref="PollEventData"/>; no voter of an anonymous poll is named.</summary>
    public const string PollUpdated = "poll.updated";

    /// <summary>User-addressed, not in the log: the user's own choice in a poll changed (<see cref="MyPollStateDto"/>), for their other devices.</summary>
    public const string PollMine = "poll.mine";

    /// <summary>User-addressed, not in the log: a slash command's reply that only its sender sees (<see cref="CommandReplyEventData"/>).</summary>
    public const string CommandReply = "command.reply";

    /// <summary>
    /// User-addressed, not in the log: a person's public record changed (display name, avatar: <see cref="UserDto"/>). Sent to
    /// the person and everyone who shares a conversation with them; others see it on their next read of that user.
    /// </summary>
    public const string UserUpdated = "user.updated";

    // Ephemeral: not in the log, no seq.
    public const string Receipt = "receipt";
    public const string Typing = "typing";
    public const string Presence = "presence";

    /// <summary>
    /// Sent to every connection of a node when it may have missed events (cluster mode: its Redis connection was lost
    /// and is back). No data: the client runs its catch-up (/sync, then /events per conversation) as after a reconnect.
    /// </summary>
    public const string Resync = "resync";

    /// <summary>
    /// The first event on every connection (<see cref="HelloEventData"/>): the server's heartbeat settings, which the
    /// client follows so that an operator can change them without breaking clients.
    /// </summary>
    public const string Hello = "hello";
}

public static class ErrorCodes
{
    public const string InvalidJson = "invalid_json";
    public const string ValidationFailed = "validation_failed";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string SetupDone = "setup_already_done";
    public const string InvalidCredentials = "invalid_credentials";
    public const string AccountLocked = "account_locked";
    public const string AccountDisabled = "account_disabled";
    public const string RateLimited = "rate_limited";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string MessageTooLarge = "message_too_large";
    public const string RecallWindowPassed = "recall_window_passed";
    public const string ConversationArchived = "conversation_archived";
    public const string MemberLimit = "member_limit_reached";
    public const string Unavailable = "service_unavailable";
    public const string Internal = "internal_error";
    public const string FileTooLarge = "file_too_large";
    public const string QuotaExceeded = "quota_exceeded";
    public const string FileTypeBlocked = "file_type_blocked";
    public const string ImageTooLarge = "image_too_large";

    /// <summary>The upload is not a PNG, JPEG, WebP or GIF image (an avatar must be one).</summary>
    public const string ImageUnsupported = "image_unsupported";
    public const string UploadOffsetMismatch = "upload_offset_mismatch";
    public const string UploadIncomplete = "upload_incomplete";
    public const string UploadBusy = "upload_busy";
    public const string RangeNotSatisfiable = "range_not_satisfiable";

    /// <summary>The change would leave no active system administrator.</summary>
    public const string LastAdministrator = "last_administrator";

    /// <summary>A bot's token lacks the scope this endpoint needs (administration is never in a bot's scope).</summary>
    public const string ScopeMissing = "scope_missing";

    /// <summary>Too many failed sign-ins for this account from this address (or from everywhere); wait Retry-After.</summary>
    public const string LoginThrottled = "login_throttled";

    /// <summary>A content filter refused the text (the problem's detail says why; filters may use their own codes).</summary>
    public const string ContentRejected = "content_rejected";
    public const string WeakPassword = "weak_password";

    /// <summary>The account has two-factor sign-in: send <c>totpCode</c> (or a recovery code) with the password.</summary>
    public const string TotpRequired = "totp_required";

    /// <summary>The TOTP or recovery code is wrong, expired or was already used.</summary>
    public const string TotpInvalid = "totp_invalid";

    /// <summary>Too many wrong second-factor codes for this account; wait Retry-After.</summary>
    public const string TotpThrottled = "totp_throttled";

    /// <summary>The AI feature asked for is off: an administrator has not enabled it or no language model provider is configured.</summary>
    public const string AiDisabled = "ai_disabled";

    /// <summary>The assistant needs the consent of an owner or admin of the conversation first.</summary>
    public const string AssistantConsentRequired = "assistant_consent_required";

    /// <summary>The conversation's daily token budget or the server's daily cost budget for AI is used up.</summary>
    public const string AiBudgetExhausted = "ai_budget_exhausted";

    /// <summary>The language model provider failed or could not be reached.</summary>
    public const string AiProviderFailed = "ai_provider_failed";

    /// <summary>A department with members or sub-departments cannot be deleted.</summary>
    public const string DepartmentNotEmpty = "department_not_empty";

    /// <summary>The user has as many push devices as the server allows (Parley:Push:MaxSubscriptionsPerUser); remove one first.</summary>
    public const string PushSubscriptionLimit = "push_subscription_limit";

    /// <summary>An administrator set this password: choose a new one (PUT /users/me/password) before anything else.</summary>
    public const string PasswordChangeRequired = "password_change_required";

    /// <summary>The security policy requires a second factor: enrol (POST /users/me/totp) before anything else.</summary>
    public const string TotpEnrollmentRequired = "totp_enrollment_required";

    /// <summary>A sensitive-word rule with the action <c>block</c> refused the text (422).</summary>
    public const string ContentBlocked = "content_blocked";

    /// <summary>The malware scanner found something in an upload (422); the file was quarantined, not stored.</summary>
    public const string FileInfected = "file_infected";

    /// <summary>Single sign-on is switched off (or not configured).</summary>
    public const string SsoDisabled = "sso_disabled";

    /// <summary>The sign-in code is unknown, expired or already used.</summary>
    public const string SsoCodeInvalid = "sso_code_invalid";
    /// <summary>An active legal hold covers the user: erasure is refused until the hold is released (409).</summary>
    public const string LegalHold = "legal_hold";

    /// <summary>The export is older than Parley:Compliance:ExportRetentionDays and its zip was removed (410).</summary>
    public const string ExportExpired = "export_expired";

    /// <summary>A personal data export of this user is already queued or running; wait for it (409).</summary>
    public const string ExportInProgress = "export_in_progress";

    /// <summary>Uploads are scanned and the scanner gave no verdict (503); try again later.</summary>
    public const string ScanUnavailable = "scan_unavailable";

    /// <summary>A group call needs the SFU (Janus) and it did not answer or refused (503); try again later.</summary>
    public const string SfuUnavailable = "sfu_unavailable";

    /// <summary>A time (sendAt, a reminder's at) is not ISO 8601 with an offset (400).</summary>
    public const string TimeInvalid = "time_invalid";

    /// <summary>A time that must be in the future is not (400).</summary>
    public const string TimeInPast = "time_in_past";

    /// <summary>A time is further ahead than the server allows (400; Parley:Scheduled:MaxAhead).</summary>
    public const string TimeTooFar = "time_too_far";

    /// <summary>The user has as many pending scheduled messages or reminders as allowed (409).</summary>
    public const string ScheduleLimit = "schedule_limit_reached";
    /// <summary>The poll or sign-up chain is closed (by a member, or its closing time passed): no more votes or sign-ups (409).</summary>
    public const string PollClosed = "poll_closed";
    /// <summary>A merge-forward names more messages than allowed, or its snapshot (nested bundles included) would be too large.</summary>
    public const string BundleTooLarge = "bundle_too_large";

    /// <summary>An invitation link that is unknown, expired, used up or revoked (one answer for all, so links cannot be probed).</summary>
    public const string InvitationNotFound = "invitation_not_found";
    /// <summary>LDAP is switched off or lacks a URL or base DN (409): save the settings first.</summary>
    public const string LdapNotConfigured = "ldap_not_configured";
    /// <summary>The directory server could not be reached (502): wrong host or port, firewall, TLS.</summary>
    public const string LdapUnreachable = "ldap_unreachable";
    /// <summary>The directory refused the service account's bind DN or password (502).</summary>
    public const string LdapBindFailed = "ldap_bind_failed";
    /// <summary>The base DN does not exist in the directory (502).</summary>
    public const string LdapBaseNotFound = "ldap_base_not_found";
    /// <summary>A configured search filter is not valid LDAP filter syntax (RFC 4515).</summary>
    public const string LdapFilterInvalid = "ldap_filter_invalid";
    /// <summary>Any other error the directory answered (502; the message carries its text).</summary>
    public const string LdapError = "ldap_error";
    /// <summary>A scoped session (an embedded conversation) called something outside its scope (403).</summary>
    public const string ScopeDenied = "scope_denied";
    /// <summary>An embedding request came from an origin the application does not list (403).</summary>
    public const string OriginNotAllowed = "origin_not_allowed";
    /// <summary>An embed token that is unknown, expired or already used (one answer for all, 401).</summary>
    public const string EmbedTokenInvalid = "embed_token_invalid";
    /// <summary>Another agent accepted this service conversation first (409).</summary>
    public const string ServiceAlreadyAssigned = "service_already_assigned";
    /// <summary>A rating before the service conversation was closed (409).</summary>
    public const string ServiceNotClosed = "service_not_closed";
    /// <summary>The visitor already rated this service conversation (409).</summary>
    public const string ServiceAlreadyRated = "service_already_rated";
    /// <summary>A skill tag that is not 1–32 letters, digits, '-' or '_', or more than 10 of them (400).</summary>
    public const string ServiceSkillInvalid = "service_skill_invalid";
    /// <summary>A visitor's identity token is malformed, badly signed or expired (401).</summary>
    public const string VisitorIdentityInvalid = "visitor_identity_invalid";
    /// <summary>Visitor session creation under load: solve the problem's <c>challenge</c> and send again (428).</summary>
    public const string VisitorChallengeRequired = "visitor_challenge_required";
    /// <summary>A visitor challenge solution that is malformed, not ours, for another widget, expired, wrong or used already (403).</summary>
    public const string VisitorChallengeInvalid = "visitor_challenge_invalid";
}

/// <summary>The <c>data</c> of member.joined / member.left / member.role.</summary>
public sealed record MemberEventData(long UserId, string? Role, long By);

/// <summary>The <c>data</c> of reaction.added / reaction.removed.</summary>
public sealed record ReactionEventData(long MessageId, string Emoji, long UserId);

/// <summary>The <c>data</c> of receipt (ephemeral): the member's new readSeq.</summary>
public sealed record ReceiptEventData(long UserId, long ReadSeq);

/// <summary>The <c>data</c> of typing (ephemeral).</summary>
public sealed record TypingEventData(long UserId);

/// <summary>
/// The <c>data</c> of hello: the server pings a quiet connection every <paramref name="KeepAliveSeconds"/> and drops one
/// it has heard nothing from for <paramref name="ClientTimeoutSeconds"/>. A client should ping at least every half
/// client timeout and consider the server gone after twice the keep-alive interval.
/// </summary>
public sealed record HelloEventData(int KeepAliveSeconds, int ClientTimeoutSeconds);

/// <summary>The <c>data</c> of presence (ephemeral; conversationId is 0).</summary>
public sealed record PresenceEventData(long UserId, string Status);

/// <summary>The <c>data</c> of conversation.updated: the fields that changed (null = unchanged).</summary>
public sealed record ConversationUpdatedData(string? Name, string? Topic, string? Announcement, bool? IsArchived, long By, bool? Watermark = null);
