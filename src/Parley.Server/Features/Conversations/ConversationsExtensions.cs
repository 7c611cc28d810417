namespace Parley.Server.Features.Conversations;

/// <summary>Composition root of conversations: membership, roles, settings, read state.</summary>
public static class ConversationsExtensions
{
    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConversationsOptions>().Bind(builder.Configuration.GetSection(ConversationsOptions.Section));
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<ConversationService>();
        return builder;
    }

    public static RouteGroupBuilder MapConversations(this RouteGroupBuilder api)
    {
        api.MapConversationsApi();
        return api;
    }
}
