using Parley.Server.Platform;

namespace Parley.Server.Features.ConversationAdmin;

/// <summary>Composition root of conversation administration: the admin endpoints, default channels and department groups.</summary>
public static class ConversationAdminExtensions
{
    public static WebApplicationBuilder AddConversationAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConversationAdminStore>();
        builder.Services.AddSingleton<ConversationAdminService>();
        builder.Services.AddEventSubscriber<DefaultChannelJoins>();
        builder.Services.AddEventSubscriber<DepartmentGroupSync>();
        return builder;
    }

    public static RouteGroupBuilder MapConversationAdmin(this RouteGroupBuilder api)
    {
        api.MapConversationAdminApi();
        return api;
    }
}
