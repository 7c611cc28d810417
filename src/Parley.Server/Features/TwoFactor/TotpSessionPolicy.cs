using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Users;
using Parley.Server.Platform.Identity;

namespace Parley.Server.Features.TwoFactor;

/// <summary>
/// Every new session of an account with TOTP needs its second factor, whichever provider checked the first:
/// none → 401 totp_required (the client asks for the code and signs in again), a wrong one → 401 totp_invalid,
/// recorded as a refused sign-in. A single sign-on may trust the provider's MFA instead (SessionRequest.SecondFactorByProvider).
/// </summary>
public sealed class TotpSessionPolicy(TotpService totp, LoginFailureAudit failures) : ISessionPolicy
{
    public async Task CheckAsync(UserRecord user, SessionRequest request, CancellationToken cancellationToken)
    {
        if (!user.TotpEnabled || request.SecondFactorByProvider) return;
        if (string.IsNullOrWhiteSpace(request.SecondFactor))
            throw new ParleyException(401, ErrorCodes.TotpRequired, "This account signs in with a second factor: send totpCode (or a recovery code).");
        if (request.SecondFactor.Length > 32 || !await totp.VerifyAsync(user, request.SecondFactor, request.Actor))
        {
            await failures.RecordAsync(user.Username, user.Id, ErrorCodes.TotpInvalid, request.Actor);
            throw new ParleyException(401, ErrorCodes.TotpInvalid, "The code is wrong, expired or already used.");
        }
    }
}
