using System.Globalization;
using System.Security.Claims;

namespace Parley.Server.Platform.Identity;

/// <summary>
/// What a session may reach, stored in <c>sessions.scope</c> and carried as the <see cref="Claim"/> claim. A sign-in
/// has none (everything its roles allow). <c>client</c>: the embedded full client, without administration (no role
/// permissions). <c>conversation:&lt;id&gt;</c>: that one conversation (read, post, react); the REST boundary
/// (<c>Features/Embed/EmbedScopeGuard</c>) and the hub (<c>HubGuard</c>, group joins, user-addressed pushes) enforce it.
/// A later kind bound to one conversation (issue 18's <c>guest:&lt;id&gt;</c>) reuses <see cref="ConversationId"/>.
/// </summary>
public readonly record struct SessionScope(string Kind, long? ConversationId)
{
    public const string Claim = "parley:scope";
    public const string ClientKind = "client";
    public const string ConversationKind = "conversation";

    public static readonly SessionScope Client = new(ClientKind, null);

    public static SessionScope ForConversation(long id) => new(ConversationKind, id);

    /// <summary>The stored text: <c>client</c> or <c>conversation:42</c>.</summary>
    public override string ToString() => ConversationId is { } id ? $"{Kind}:{id.ToString(CultureInfo.InvariantCulture)}" : Kind;

    /// <summary>The scope from its stored text; null for none. Unknown text is a scope that allows nothing (fail closed).</summary>
    public static SessionScope? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (text == ClientKind) return Client;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return new SessionScope(text[..colon], id);
        return new SessionScope(text, -1);
    }

    public static SessionScope? Of(ClaimsPrincipal? user) => Parse(user?.FindFirst(Claim)?.Value);

    /// <summary>Whether events of this conversation may reach the session (0: not about a conversation).</summary>
    public bool Reaches(long conversationId) => ConversationId is not { } only || only == conversationId;

    /// <summary>Role permissions apply only to unscoped sessions: nothing embedded administers.</summary>
    public static bool KeepsRoles(SessionScope? scope) => scope is null;
}
