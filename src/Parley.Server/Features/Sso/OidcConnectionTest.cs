using System.Text.Json;
using Parley.Contracts;

namespace Parley.Server.Features.Sso;

/// <summary>
/// The console's "test connection": reads the provider's discovery document and its signing keys, the two things a
/// sign-in needs before anyone is sent there, and says in words which failed. Only an administrator can ask
/// (system.manage), and only http(s) addresses that pass <see cref="OidcSettings.CheckAuthority"/>.
/// </summary>
public sealed class OidcConnectionTest(IHttpClientFactory clients, OidcSettings settings)
{
    public const string HttpClientName = "sso";

    public async Task<OidcTestResultDto> RunAsync(OidcTestRequest request, CancellationToken cancellationToken)
    {
        var current = settings.Current;
        var authority = string.IsNullOrWhiteSpace(request.Authority) ? current.Authority : request.Authority.Trim();
        var requireHttps = request.RequireHttpsMetadata ?? current.RequireHttpsMetadata;
        if (string.IsNullOrEmpty(authority)) throw Common.ParleyException.Invalid("authority", "Enter the authority to test.");
        var uri = OidcSettings.CheckAuthority(authority, requireHttps, "authority");
        var http = clients.CreateClient(HttpClientName);
        var discoveryUrl = new Uri(uri.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration");

        JsonElement doc;
        try { doc = await GetJsonAsync(http, discoveryUrl, cancellationToken); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            return Failed("discovery", $"Could not read {discoveryUrl}: {Describe(e)}");
        }
        string? Text(string name) => doc.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var issuer = Text("issuer");
        var authorize = Text("authorization_endpoint");
        var token = Text("token_endpoint");
        var jwks = Text("jwks_uri");
        if (issuer is null || authorize is null || token is null || jwks is null)
            return new OidcTestResultDto(false, "discovery", issuer, authorize, token, 0, "The discovery document lacks issuer, authorization_endpoint, token_endpoint or jwks_uri.");
        if (!string.Equals(issuer.TrimEnd('/'), authority.TrimEnd('/'), StringComparison.Ordinal))
            return new OidcTestResultDto(false, "discovery", issuer, authorize, token, 0,
                $"The provider calls itself {issuer}, not {authority}: set the authority to the issuer exactly, or ID tokens will be refused.");
        if (!Uri.TryCreate(jwks, UriKind.Absolute, out var jwksUri) || (requireHttps && jwksUri.Scheme != Uri.UriSchemeHttps))
            return new OidcTestResultDto(false, "keys", issuer, authorize, token, 0, $"The key set address {jwks} is not an https address.");
        int keys;
        try
        {
            var set = await GetJsonAsync(http, jwksUri, cancellationToken);
            keys = set.TryGetProperty("keys", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Count(k => !k.TryGetProperty("use", out var use) || use.GetString() == "sig")
                : 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            return new OidcTestResultDto(false, "keys", issuer, authorize, token, 0, $"Could not read the signing keys at {jwks}: {Describe(e)}");
        }
        if (keys == 0) return new OidcTestResultDto(false, "keys", issuer, authorize, token, 0, "The provider publishes no signing keys.");
        return new OidcTestResultDto(true, "done", issuer, authorize, token, keys, null);
    }

    private static OidcTestResultDto Failed(string stage, string error) => new(false, stage, null, null, null, 0, error);

    private static string Describe(Exception e) => e switch
    {
        TaskCanceledException => "no answer within 10 seconds.",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}.",
        HttpRequestException h => h.Message,
        JsonException => "the answer is not JSON.",
        _ => e.Message,
    };

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var res = await http.GetAsync(url, cancellationToken);
        res.EnsureSuccessStatusCode();
        await using var body = await res.Content.ReadAsStreamAsync(cancellationToken);
        using var doc = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
        return doc.RootElement.Clone();
    }
}
