namespace Parley.Server.Features.Avatars;

/// <summary>Composition root of uploaded avatars.</summary>
public static class AvatarsExtensions
{
    public static WebApplicationBuilder AddAvatars(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AvatarOptions>().Bind(builder.Configuration.GetSection(AvatarOptions.Section))
            .Validate(o => o.MaxBytes is > 0 and <= 100L * 1024 * 1024, "Parley:Avatars:MaxBytes must be between 1 byte and 100 MiB.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AvatarStore>();
        builder.Services.AddSingleton<AvatarService>();
        return builder;
    }

    public static RouteGroupBuilder MapAvatars(this RouteGroupBuilder api)
    {
        api.MapAvatarsApi();
        return api;
    }
}
