namespace Parley.Contracts;

/// <summary>
/// A new incoming webhook for a conversation. <see cref="ActionUrl"/> (optional, http or https) receives the clicks on
/// the cards this hook posts, signed with the hook's signing secret (Standard Webhooks).
/// </summary>
public sealed record CreateIncomingWebhookRequest(string? Name, string? ActionUrl = null);

/// <summary>An incoming webhook as listed (never its token or signing secret). <see cref="BotUserId"/> is the identity its messages come from.</summary>
public sealed record IncomingWebhookDto(long Id, long ConversationId, string Name, long BotUserId, string? ActionUrl, long CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>
/// The answer to creating a hook: <see cref="Token"/> and <see cref="SigningSecret"/> are shown this once.
/// <see cref="Url"/> is where integrations post (<c>/api/v1/hooks/{token}</c>, absolute).
/// </summary>
public sealed record CreatedIncomingWebhookDto(long Id, string Token, string Url, string SigningSecret, IncomingWebhookDto Hook);

/// <summary>
/// A message card: structured content rendered by clients (never HTML). Blocks by <see cref="CardBlockDto.Type"/>:
/// <c>header</c> (text, optional link), <c>section</c> (Markdown text and/or fields), <c>context</c> (small text),
/// <c>divider</c>, <c>input</c> (form inputs) and <c>actions</c> (buttons). <see cref="Color"/> is an accent
/// (<c>#rrggbb</c> or good/warning/danger). <see cref="Fallback"/> is the plain summary used where cards are not shown.
/// </summary>
public sealed record CardDto(IReadOnlyList<CardBlockDto> Blocks, string? Color = null, string? Fallback = null);

public sealed record CardBlockDto(string Type, string? Text = null, string? Link = null, IReadOnlyList<CardFieldDto>? Fields = null,
    IReadOnlyList<CardButtonDto>? Buttons = null, IReadOnlyList<CardInputDto>? Inputs = null);

/// <summary>A labelled value; <see cref="Inline"/> fields (Slack's "short") may sit side by side.</summary>
public sealed record CardFieldDto(string Title, string Value, bool Inline = false);

/// <summary>A button; a click sends <see cref="ActionId"/> and <see cref="Value"/> to the integration. Style: primary, danger or none.</summary>
public sealed record CardButtonDto(string ActionId, string Text, string? Value = null, string? Style = null);

/// <summary>A form input (type <c>text</c> or <c>select</c>); its value goes with every click of the card, keyed by <see cref="Id"/>.</summary>
public sealed record CardInputDto(string Id, string Type, string Label, string? Placeholder = null, IReadOnlyList<CardOptionDto>? Options = null,
    bool Multiline = false, string? Value = null);

public sealed record CardOptionDto(string Text, string Value);

/// <summary>A click on a card's button, with the values of the card's inputs.</summary>
public sealed record CardActionRequest(string? ActionId, string? Value, IReadOnlyDictionary<string, string>? Inputs = null);

/// <summary>
/// What the integration answered: <c>updated</c> (the card changed for everyone; <see cref="Message"/> is the message
/// now), <c>ephemeral</c> (a reply for the clicker only, also sent to the clicker's other devices as
/// <c>card.ephemeral</c>) or <c>none</c>.
/// </summary>
public sealed record CardActionResultDto(string Outcome, MessageDto? Message = null, CardEphemeralDto? Ephemeral = null);

/// <summary>A reply shown to one user only, under the card they clicked; never stored.</summary>
public sealed record CardEphemeralDto(long MessageId, long ConversationId, string? Text, CardDto? Card);

public static class CardBlockTypes
{
    public const string Header = "header";
    public const string Section = "section";
    public const string Context = "context";
    public const string Divider = "divider";
    public const string Input = "input";
    public const string Actions = "actions";
}

public static class CardActionOutcomes
{
    public const string Updated = "updated";
    public const string Ephemeral = "ephemeral";
    public const string None = "none";
}

public static class IntegrationEventTypes
{
    /// <summary>User-addressed, to the clicker's devices: an integration's reply for them only (<see cref="CardEphemeralDto"/>).</summary>
    public const string CardEphemeral = "card.ephemeral";
}

public static class IntegrationErrorCodes
{
    /// <summary>The hook's per-minute budget (Parley:IncomingWebhooks:RequestsPerMinute) is spent (429, Retry-After).</summary>
    public const string HookRateLimited = "hook_rate_limited";

    /// <summary>A slash command's response_url was used its five times (410).</summary>
    public const string ResponseUrlUsedUp = "response_url_used_up";

    /// <summary>The payload is not Slack's JSON, a form with payload=, or text (400).</summary>
    public const string InvalidPayload = "invalid_payload";

    /// <summary>The card breaks a rule (too many blocks, unknown type, text too long…) (400, with the field in errors).</summary>
    public const string InvalidCard = "invalid_card";

    /// <summary>The message has no card with that action, or its hook has no action URL or was revoked (409).</summary>
    public const string CardNotInteractive = "card_not_interactive";

    /// <summary>The integration did not answer within Parley:IncomingWebhooks:ActionTimeout (504).</summary>
    public const string CardActionTimeout = "card_action_timeout";

    /// <summary>The integration answered with an error status or an answer that is not a card reply (502).</summary>
    public const string CardActionFailed = "card_action_failed";
}
