using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Parley.Server.Features.Scim;

/// <summary>
/// The only scheme /scim/v2 accepts: "Authorization: Bearer pscim_…" naming a live SCIM token. The principal it makes
/// carries the token, no user and no permission claims, so it opens nothing under /api/v1 (whose scheme rejects the
/// prefix anyway); session tokens fail here, so a user's token opens nothing under /scim.
/// </summary>
public sealed class ScimAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ScimTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ScimToken";
    public const string PolicyName = "scim";
    public const string TokenIdClaim = "parley:scim_token";
    public const string TokenNameClaim = "parley:scim_token_name";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        if (await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim()) is not { } token)
            return AuthenticateResult.Fail("Unknown or revoked SCIM token.");
        var identity = new ClaimsIdentity(
            [new Claim(TokenIdClaim, token.Id.ToString(CultureInfo.InvariantCulture)), new Claim(TokenNameClaim, token.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        return ScimJson.Result(ScimJson.Error(401, null, "A valid SCIM bearer token is required."), 401).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ScimJson.Result(ScimJson.Error(403, null, "This token may not do this."), 403).ExecuteAsync(Context);
}
