namespace Parley.Server.Features.Users;

/// <summary>Composition root of the user directory and account lifecycle.</summary>
public static class UsersExtensions
{
    public static WebApplicationBuilder AddUsers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<UserService>();
        return builder;
    }

    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        api.MapUsersApi();
        return api;
    }
}
