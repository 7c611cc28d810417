using System.Text.Json;

namespace Parley.Server.Features.Translation.Providers;

/// <summary>The one HTTP client every engine uses, and reading an engine's JSON answer.</summary>
public static class TranslationHttp
{
    public const string ClientName = "translation";

    /// <summary>Sends and parses; a non-success status or a body that is not JSON is a <see cref="TranslationFailedException"/>.</summary>
    public static async Task<JsonElement> SendAsync(IHttpClientFactory http, HttpRequestMessage request, string provider, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient(ClientName);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new TranslationFailedException($"{provider} answered HTTP {(int)response.StatusCode}: {Start(body)}");
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new TranslationFailedException($"{provider} answered something that is not JSON: {Start(body)}", e);
        }
    }

    public static Uri Url(string? baseUrl, string pathAndQuery) =>
        new((baseUrl ?? throw new TranslationFailedException("The provider has no URL.")).TrimEnd('/') + pathAndQuery);

    /// <summary>A string property, or a <see cref="TranslationFailedException"/> naming what was missing.</summary>
    public static string Text(JsonElement element, string provider, params string[] path)
    {
        var e = element;
        foreach (var name in path)
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
                throw new TranslationFailedException($"{provider}'s answer has no {string.Join('.', path)}.");
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new TranslationFailedException($"{provider}'s {string.Join('.', path)} is not a string.");
    }

    public static string? OptionalText(JsonElement element, params string[] path)
    {
        var e = element;
        foreach (var name in path)
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e)) return null;
        return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }

    private static string Start(string body) => body.Length <= 200 ? body : body[..200];

    /// <summary>Every vendor but the pair-based ones: the languages Parley knows.</summary>
    public static readonly IReadOnlyCollection<string> AllKnown = [.. Languages.Known.Keys];

    /// <summary>Lower-case hexadecimal, as every signing scheme here wants it.</summary>
    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
