using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Service;

/// <summary>Who the host site says the visitor is: its own user id (sub) and optionally name and email.</summary>
public sealed record KnownVisitor(string Subject, string? Name, string? Email);

/// <summary>
/// Identity tokens from the host site: a JWT (RFC 7519) signed HS256 with the widget's identity secret (its UTF-8
/// bytes as the key), carrying sub and exp (and optionally name, email). Issuer and audience are not checked: the
/// secret belongs to one widget. Anything else — another algorithm, a bad signature, no or a past exp — is 401
/// visitor_identity_invalid. Uses Microsoft.IdentityModel.JsonWebTokens, which the OIDC sign-in already brings.
/// </summary>
public sealed class VisitorIdentity
{
    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<KnownVisitor> VerifyAsync(string token, string secret)
    {
        if (token.Length > 4096) throw Invalid();
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) throw Invalid();
        var subject = jwt.Subject;
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200) throw Invalid();
        string? Claim(string type) => jwt.TryGetPayloadValue<string>(type, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        return new KnownVisitor(subject, Claim("name"), Claim("email"));
    }

    private static ParleyException Invalid() =>
        new(401, ErrorCodes.VisitorIdentityInvalid, "The identity token is not a valid HS256 JWT signed with this widget's identity secret (with sub and a future exp).");
}
