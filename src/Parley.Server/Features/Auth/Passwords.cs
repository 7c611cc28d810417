using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Parley.Server.Common;

namespace Parley.Server.Features.Auth;

/// <summary>Password hashing through ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, 100,000 iterations, v3 format).</summary>
public sealed class Passwords(IOptions<AuthOptions> options)
{
    private sealed class Account;
    private static readonly PasswordHasher<Account> Hasher = new();
    private static readonly Account Subject = new();

    public string Hash(string password) => Hasher.HashPassword(Subject, password);

    public bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(Subject, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>A hash of a random password: verifying against it costs as much as a real one, so unknown usernames take as long as wrong passwords.</summary>
    public string DummyHash { get; } = Hasher.HashPassword(Subject, Guid.NewGuid().ToString());

    public void Validate(string? password, string field = "password")
    {
        var min = options.Value.MinPasswordLength;
        if (string.IsNullOrEmpty(password) || password.Length < min)
            throw ParleyException.Invalid(field, $"The password must have at least {min} characters.");
        if (password.Length > 256)
            throw ParleyException.Invalid(field, "The password must have at most 256 characters.");
    }
}
