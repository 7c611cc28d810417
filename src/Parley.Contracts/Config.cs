namespace Parley.Contracts;

/// <summary>
/// GET /api/v1/config: the server settings a client follows instead of hard-coding them. Anonymous callers get
/// <see cref="Auth"/> only (the first-run and sign-in screens need the password policy); the other sections are
/// for signed-in users and are null otherwise.
/// </summary>
public sealed record ClientConfigDto(AuthConfigDto Auth, MessagesConfigDto? Messages, FilesConfigDto? Files, FeaturesDto? Features);

/// <summary>PlannerWithoutSignIn: the cost planner is open to visitors (Parley:Planner:AllowAnonymous).</summary>
public sealed record AuthConfigDto(int MinPasswordLength, bool PlannerWithoutSignIn = false, SsoConfigDto? Sso = null);

/// <summary>RecallWindowSeconds is rounded down: a client that offers recall a moment too briefly is harmless, one that offers it too long shows an error.</summary>
public sealed record MessagesConfigDto(int RecallWindowSeconds, int MaxTextBytes, int MaxReactionsPerMessage, int MentionAllOpenUpTo);

/// <summary>Sizes in bytes; a quota of 0 is unlimited; AllowedExtensions null or empty accepts any extension not blocked.</summary>
public sealed record FilesConfigDto(long MaxFileSize, long UserQuota, int ChunkSize, int MaxNameLength, string[] BlockedExtensions, string[]? AllowedExtensions);

/// <summary>
/// What this server offers (files, search and the planner cannot be switched off yet, so they are true; a client asks
/// instead of assuming), and Watermark: draw the viewer's name and the date over conversations (Parley:Compliance:Watermark).
/// </summary>
public sealed record FeaturesDto(bool Files, bool Search, bool Planner, bool Watermark = false);
