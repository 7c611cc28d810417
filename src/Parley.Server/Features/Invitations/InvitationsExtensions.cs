namespace Parley.Server.Features.Invitations;

/// <summary>Composition root of invitations by link.</summary>
public static class InvitationsExtensions
{
    public static WebApplicationBuilder AddInvitations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InvitationStore>();
        builder.Services.AddSingleton<InvitationService>();
        return builder;
    }

    public static RouteGroupBuilder MapInvitations(this RouteGroupBuilder api)
    {
        api.MapInvitationsApi();
        return api;
    }
}
