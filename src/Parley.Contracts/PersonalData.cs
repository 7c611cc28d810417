namespace Parley.Contracts;

/// <summary>
/// A personal data export (PIPL/GDPR access request) of <c>subjectId</c>'s data, requested by <c>requestedBy</c> (the
/// user themself, or a compliance officer); only the requester sees and downloads it. <c>expiresAt</c>: when the zip
/// is removed (Parley:Compliance:ExportRetentionDays after it finished).
/// </summary>
public sealed record PersonalDataExportDto(long Id, string Status, long SubjectId, string? SubjectUsername, long RequestedBy, int Total, int Messages,
    int Files, long Bytes, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? ExpiredAt);

/// <summary>Erase a user on request (right to be forgotten); <c>dryRun</c> only counts what would be removed.</summary>
public sealed record UserErasureRequest(bool DryRun = false);

/// <summary>
/// What an erasure removed (or, with <c>dryRun</c>, would remove). <c>heldMessages</c>: the user's messages in
/// conversations under an active legal hold, which are kept; <c>heldFiles</c> likewise. <c>exports</c>: personal data
/// exports of the user (by anyone) whose zips are removed with the rest.
/// </summary>
public sealed record UserErasureDto(long UserId, bool DryRun, int Messages, int HeldMessages, int Files, int HeldFiles, int Sessions, int Drafts,
    int Bookmarks, int ScheduledMessages, int Reminders, int PushSubscriptions, int Reactions, int HeldConversations, int Exports);
