using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Auth;

/// <summary>Password hashing through ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, 100,000 iterations, v3 format).</summary>
public sealed class Passwords
{
    private sealed class Account;
    private static readonly Account Subject = new();
    private readonly PasswordHasher<Account> _hasher;
    private readonly IOptionsMonitor<AuthOptions> _options;

    public Passwords(IOptionsMonitor<AuthOptions> options)
    {
        _options = options;
        _hasher = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = options.CurrentValue.PasswordHashIterations }));
        DummyHash = Hash(Guid.NewGuid().ToString());
    }

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    /// <summary>Verifies against the iteration count stored in the hash itself, so changing the setting never locks anyone out.</summary>
    public bool Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(Subject, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>A hash of a random password: verifying against it costs as much as a real one, so unknown usernames take as long as wrong passwords.</summary>
    public string DummyHash { get; }

    /// <summary>
    /// Length (validation_failed), then guessability (weak_password): a password that is one of the common passwords,
    /// with or without trailing digits and symbols ("Sunshine2024!"), or that is or contains the username, falls to the
    /// first guesses of any online or offline attack whatever its length. NIST SP 800-63B §3.1.1.2 asks exactly for
    /// these two checks (a blocklist of commonly used passwords, and context-specific words such as the username).
    /// </summary>
    public void Validate(string? password, string? username, string field = "password")
    {
        var min = _options.CurrentValue.MinPasswordLength;
        if (string.IsNullOrEmpty(password) || password.Length < min)
            throw ParleyException.Invalid(field, $"The password must have at least {min} characters.");
        if (password.Length > 256)
            throw ParleyException.Invalid(field, "The password must have at most 256 characters.");
        if (IsCommon(password))
            throw Weak(field, "The password is one of the most common passwords; choose one that is harder to guess.");
        if (ContainsUsername(password, username))
            throw Weak(field, "The password must not be or contain the username.");
    }

    /// <summary>Shorter usernames are only refused as the whole password: "bob" inside a long passphrase is chance.</summary>
    private const int MinUsernameToMatchInside = 3;

    private static bool ContainsUsername(string password, string? username) =>
        !string.IsNullOrEmpty(username) && (username.Length >= MinUsernameToMatchInside
            ? password.Contains(username, StringComparison.OrdinalIgnoreCase)
            : password.Equals(username, StringComparison.OrdinalIgnoreCase));

    private static bool IsCommon(string password)
    {
        if (Common.Contains(password)) return true;
        var stem = password.TrimEnd("0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray());
        return stem.Length >= 4 && Common.Contains(stem);
    }

    private static ParleyException Weak(string field, string message) =>
        new(400, ErrorCodes.WeakPassword, message) { Errors = new Dictionary<string, string[]> { [field] = [message] } };

    /// <summary>Features/Auth/common-passwords.txt, embedded; compared case-insensitively.</summary>
    private static readonly HashSet<string> Common = LoadCommon();

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Parley.Server.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-passwords list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word && !word.StartsWith('#')) set.Add(word);
        return set;
    }
}
