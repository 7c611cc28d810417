using Parley.Server.Features.Auth;
using Parley.Server.Features.Files;
using Parley.Server.Features.Messages;

namespace Parley.Server.Features.Settings;

/// <summary>
/// The options that may change at run time. Each is read through <c>IOptionsMonitor&lt;T&gt;.CurrentValue</c> where it
/// is used, so a change applies to the next request. To add one: make its readers use IOptionsMonitor, add a line here
/// with a range inside the options' start-up validation (a value outside it would make CurrentValue throw), and list it
/// in docs/configuration.md.
/// </summary>
public static class RuntimeSettingsCatalog
{
    private const double KiB = 1024, GiB = 1024 * 1024 * 1024d, TiB = 1024 * GiB;
    private static readonly MessagesOptions Messages = new();
    private static readonly AuthOptions Auth = new();
    private static readonly FilesOptions Files = new();

    public static readonly IReadOnlyList<RuntimeSetting> All =
    [
        // Message text: a JSON body is at most 256 KiB (ParleyServer.MaxJsonBody), so text stays well below it.
        new("messages.maxTextBytes", "Parley:Messages:MaxTextBytes", SettingUnit.Bytes, 16, 128 * KiB, () => Messages.MaxTextBytes, ClientVisible: true),
        new("messages.recallWindow", "Parley:Messages:RecallWindow", SettingUnit.Seconds, 0, 7 * 86400, () => Messages.RecallWindow.TotalSeconds, ClientVisible: true),
        new("messages.ratePerSecond", "Parley:Messages:RatePerSecond", SettingUnit.PerSecond, 0.1, 10_000, () => Messages.RatePerSecond, WholeNumber: false),
        new("messages.rateBurst", "Parley:Messages:RateBurst", SettingUnit.Count, 1, 10_000, () => Messages.RateBurst),
        new("files.maxFileSize", "Parley:Files:MaxFileSize", SettingUnit.Bytes, KiB, 16 * TiB, () => Files.MaxFileSize, ClientVisible: true),
        new("files.userQuota", "Parley:Files:UserQuota", SettingUnit.Bytes, 0, 1024 * TiB, () => Files.UserQuota, ClientVisible: true),
        new("files.globalQuota", "Parley:Files:GlobalQuota", SettingUnit.Bytes, 0, 1024 * 1024 * TiB, () => Files.GlobalQuota),
        // NIST SP 800-63B: at least 8; passwords are at most 256 characters (Passwords.Validate).
        new("auth.minPasswordLength", "Parley:Auth:MinPasswordLength", SettingUnit.Count, 8, 128, () => Auth.MinPasswordLength, ClientVisible: true),
        new("auth.sessionLifetime", "Parley:Auth:SessionLifetime", SettingUnit.Minutes, 5, 366 * 1440, () => Auth.SessionLifetime.TotalMinutes),
        new("auth.loginAttemptsPerMinute", "Parley:Auth:LoginAttemptsPerMinute", SettingUnit.PerMinute, 1, 100_000, () => Auth.LoginAttemptsPerMinute),
        new("auth.loginFailuresPerAddress", "Parley:Auth:LoginFailuresPerAddress", SettingUnit.Count, 1, 1000, () => Auth.LoginFailuresPerAddress),
        new("auth.loginFailuresPerAccount", "Parley:Auth:LoginFailuresPerAccount", SettingUnit.Count, 1, 100_000, () => Auth.LoginFailuresPerAccount),
        new("auth.loginFailureWindow", "Parley:Auth:LoginFailureWindow", SettingUnit.Minutes, 1, 1440, () => Auth.LoginFailureWindow.TotalMinutes),
    ];

    public static RuntimeSetting? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
