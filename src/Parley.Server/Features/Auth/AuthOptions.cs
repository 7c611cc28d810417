namespace Parley.Server.Features.Auth;

public sealed class AuthOptions
{
    public const string Section = "Parley:Auth";

    /// <summary>Failed password attempts before the account is locked.</summary>
    public int LockoutAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>PBKDF2 iterations for new hashes (Identity's v3 default). Tests lower it; production should not.</summary>
    public int PasswordHashIterations { get; set; } = 100_000;

    /// <summary>Login and setup attempts per client address per minute (brute-force brake in front of lockout).</summary>
    public int LoginAttemptsPerMinute { get; set; } = 30;
}
