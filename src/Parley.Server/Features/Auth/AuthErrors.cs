using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Auth;

public static class AuthErrors
{
    /// <summary>The one answer to a failed sign-in: unknown name, wrong secret and deactivated account look the same.</summary>
    public static ParleyException InvalidCredentials() =>
        new(401, ErrorCodes.InvalidCredentials, "The username or password is wrong.");
}
