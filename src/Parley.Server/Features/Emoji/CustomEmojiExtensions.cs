namespace Parley.Server.Features.Emoji;

/// <summary>Composition root of custom emoji.</summary>
public static class CustomEmojiExtensions
{
    public static WebApplicationBuilder AddCustomEmoji(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CustomEmojiStore>();
        builder.Services.AddSingleton<CustomEmojiService>();
        return builder;
    }

    public static RouteGroupBuilder MapCustomEmoji(this RouteGroupBuilder api)
    {
        api.MapCustomEmojiApi();
        return api;
    }
}
