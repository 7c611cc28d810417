namespace Parley.Contracts;

/// <summary>An application that embeds Parley (docs/integrations.md, "Embedding"): a name and the origins that may frame it.</summary>
public sealed record CreateEmbedAppRequest(string? Name, IReadOnlyList<string>? AllowedOrigins);

public sealed record EmbedAppDto(long Id, string Name, IReadOnlyList<string> AllowedOrigins, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>The application's secret, shown once; only its hash is kept.</summary>
public sealed record CreatedEmbedAppDto(long Id, string Secret, EmbedAppDto App);

/// <summary>One of: <c>conversationId</c> (that conversation alone) or <c>client: true</c> (the full client, without administration).</summary>
public sealed record EmbedScopeRequest(long? ConversationId, bool? Client);

/// <summary>
/// Asked by the application's back end (Authorization: Bearer &lt;app secret&gt;): a token for one of its users,
/// named by username or external id.
/// </summary>
public sealed record CreateEmbedTokenRequest(string? User, EmbedScopeRequest? Scope, int? TtlSeconds);

/// <summary>A single-use token and the address the iframe opens (the token rides in the fragment, which is never sent to a server).</summary>
public sealed record EmbedTokenDto(string Token, DateTimeOffset ExpiresAt, string Url);

/// <summary>The embed page exchanges its token once; parentOrigin is the embedding page's origin as the browser told the frame.</summary>
public sealed record CreateEmbedSessionRequest(string? Token, string? ParentOrigin);

/// <summary>A session limited to <c>scope</c> ("client" or "conversation:&lt;id&gt;").</summary>
public sealed record EmbedSessionDto(string Token, UserDto User, long SessionId, DateTimeOffset ExpiresAt, string Scope, long? ConversationId);
