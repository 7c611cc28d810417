namespace Parley.Server.Features.Auth;

public sealed class AuthOptions
{
    public const string Section = "Parley:Auth";

    /// <summary>
    /// Failed sign-ins for one account from one address within <see cref="LoginFailureWindow"/> before that address is
    /// refused for that account (HTTP 429 with Retry-After). Other addresses, the owner's included, are not affected.
    /// </summary>
    public int LoginFailuresPerAddress { get; set; } = 5;

    /// <summary>
    /// Failed sign-ins for one account from all addresses within the window before addresses that have already failed
    /// for it are refused too: a ceiling against guessing from many addresses that still lets a clean address in.
    /// </summary>
    public int LoginFailuresPerAccount { get; set; } = 50;

    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often a session's last-seen time is written while it is in use (at most once per this, per node).</summary>
    public TimeSpan LastSeenGranularity { get; set; } = TimeSpan.FromMinutes(1);
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>PBKDF2 iterations for new hashes (Identity's v3 default). Tests lower it; production should not.</summary>
    public int PasswordHashIterations { get; set; } = 100_000;

    /// <summary>Login and setup attempts per client address per minute (brute-force brake in front of the per-account throttle).</summary>
    public int LoginAttemptsPerMinute { get; set; } = 30;

    /// <summary>
    /// Refused sign-ins written to the audit log per minute across the server; more are counted and reported with the
    /// next entry (<c>suppressed</c>). Bounds what guessing from many addresses can add to the log (about 86,000 a day).
    /// </summary>
    public int AuditedLoginFailuresPerMinute { get; set; } = 60;

    /// <summary>Wrong second-factor codes per account within <see cref="LoginFailureWindow"/> before every code is refused (429 totp_throttled).</summary>
    public int TotpFailuresPerWindow { get; set; } = 5;

    /// <summary>The issuer an authenticator app shows beside the account (otpauth:// URI).</summary>
    public string TotpIssuer { get; set; } = "Parley";
}
