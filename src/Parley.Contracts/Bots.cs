namespace Parley.Contracts;

/// <summary>
/// What a bot's token may do (issue 17). A bot token is a bearer for the same REST API and hub as a user's, but every
/// endpoint outside its scopes is refused (403 <c>scope_missing</c>) and administration always is.
/// </summary>
public static class BotScopes
{
    /// <summary>Send, edit and delete its messages in conversations it is a member of (REST and the hub's Send).</summary>
    public const string MessagesWrite = "messages:write";

    /// <summary>Read messages, the log and files of conversations it is a member of; receive their events on the hub.</summary>
    public const string MessagesRead = "messages:read";

    /// <summary>Add and remove its reactions.</summary>
    public const string ReactionsWrite = "reactions:write";

    /// <summary>Upload files (then attach them to a message with messages:write).</summary>
    public const string FilesWrite = "files:write";

    /// <summary>List its conversations and their members.</summary>
    public const string ConversationsRead = "conversations:read";

    public static readonly IReadOnlyList<string> All = [MessagesWrite, MessagesRead, ReactionsWrite, FilesWrite, ConversationsRead];
}

/// <summary>POST /bots: <c>scopes</c> from <see cref="BotScopes"/> (none when left out).</summary>
public sealed record CreateBotRequest(string? Username, string? DisplayName, IReadOnlyList<string>? Scopes = null);

/// <summary>The bot's token, shown once (only its hash is kept): on creation and on rotation.</summary>
public sealed record BotTokenDto(long Id, string Token);

public sealed record BotDto(long Id, string Username, string DisplayName, IReadOnlyList<string> Scopes, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset TokenCreatedAt);

/// <summary>PUT /bots/{id}/scopes.</summary>
public sealed record SetBotScopesRequest(IReadOnlyList<string>? Scopes);

/// <summary>A command the composer offers after "/": built in (<c>builtin</c>) or registered by an administrator (<c>external</c>).</summary>
public sealed record SlashCommandDto(string Command, string Description, string Usage, string Kind, long? Id = null);

/// <summary>POST /slash-commands (integrations.manage): <c>command</c> "/name", the service's <c>url</c>, a description and an optional usage hint.</summary>
public sealed record CreateSlashCommandRequest(string? Command, string? Url, string? Description, string? UsageHint = null);

/// <summary>A registered command and its signing secret (Standard Webhooks, <c>whsec_…</c>), shown this once.</summary>
public sealed record CreatedSlashCommandDto(long Id, string Command, string Url, string Secret);

/// <summary>
/// What a slash command answered: <c>ephemeral</c> text is shown to the sender only (never stored); <c>in_channel</c> was
/// posted. A built-in's reply also names its kind (<c>key</c>: invited, left, muted, unmuted, topic_set, reminder_set,
/// poll_started, usage, unknown) with its values in <c>args</c>, so a client can say it in the user's language.
/// </summary>
public sealed record SlashCommandResultDto(string Command, string ResponseType, string? Text, string? Key = null, IReadOnlyDictionary<string, string>? Args = null);

/// <summary>User-addressed, not in the log: a reply only the sender sees (<see cref="EventTypes.CommandReply"/>).</summary>
public sealed record CommandReplyEventData(long ConversationId, string Command, string Text);

public static class SlashResponseTypes
{
    public const string Ephemeral = "ephemeral";
    public const string InChannel = "in_channel";
}
