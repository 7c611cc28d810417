using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Parley.Server.Common;

namespace Parley.Server.Features.Auth;

/// <summary>Password hashing through ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, 100,000 iterations, v3 format).</summary>
public sealed class Passwords
{
    private sealed class Account;
    private static readonly Account Subject = new();
    private readonly PasswordHasher<Account> _hasher;
    private readonly IOptions<AuthOptions> _options;

    public Passwords(IOptions<AuthOptions> options)
    {
        _options = options;
        _hasher = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = options.Value.PasswordHashIterations }));
        DummyHash = Hash(Guid.NewGuid().ToString());
    }

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    /// <summary>Verifies against the iteration count stored in the hash itself, so changing the setting never locks anyone out.</summary>
    public bool Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(Subject, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>A hash of a random password: verifying against it costs as much as a real one, so unknown usernames take as long as wrong passwords.</summary>
    public string DummyHash { get; }

    public void Validate(string? password, string field = "password")
    {
        var min = _options.Value.MinPasswordLength;
        if (string.IsNullOrEmpty(password) || password.Length < min)
            throw ParleyException.Invalid(field, $"The password must have at least {min} characters.");
        if (password.Length > 256)
            throw ParleyException.Invalid(field, "The password must have at most 256 characters.");
    }
}
