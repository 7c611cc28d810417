using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Security;

/// <summary>
/// Who must sign in with a second factor: nobody (<c>off</c>), holders of any administrative role
/// (<c>administrators</c>) or <c>everyone</c>. Read on every authenticated request, so the value is kept for
/// <see cref="Refresh"/>: a change made on this node applies at once, one made on another node within that time.
/// </summary>
public sealed class SecurityPolicy(SettingsStore settings, WriteQueue writer)
{
    public const string Key = "security.require_two_factor";
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);
    public static readonly IReadOnlyList<string> Values = [TwoFactorRequirement.Off, TwoFactorRequirement.Administrators, TwoFactorRequirement.Everyone];

    private volatile Cached? _cached;
    private sealed record Cached(string Value, DateTimeOffset At);

    public async ValueTask<string> RequirementAsync()
    {
        if (_cached is { } c && DateTimeOffset.UtcNow - c.At < Refresh) return c.Value;
        var value = await settings.GetAsync(Key) ?? TwoFactorRequirement.Off;
        _cached = new Cached(value, DateTimeOffset.UtcNow);
        return value;
    }

    // A website visitor (customer service) has no password and no second factor to enrol: its guest token is all it has.
    public async ValueTask<bool> RequiresTwoFactorAsync(UserRecord user) => user.Kind != Users.UserKinds.Visitor && await RequirementAsync() switch
    {
        TwoFactorRequirement.Everyone => true,
        TwoFactorRequirement.Administrators => user.Roles.Count > 0,
        _ => false,
    };

    public async Task<SecurityPolicyDto> SetAsync(SecurityPolicyDto policy, Actor actor)
    {
        actor.Require(Contracts.Permissions.SystemManage);
        if (policy.RequireTwoFactor is not { } value || !Values.Contains(value))
            throw ParleyException.Invalid("requireTwoFactor", $"requireTwoFactor is one of: {string.Join(", ", Values)}.");
        await writer.ExecuteAsync(w =>
        {
            var before = SettingsStore.Get(w, Key) ?? TwoFactorRequirement.Off;
            if (before == value) return 0;
            SettingsStore.Set(w, Key, value);
            return SystemLog.Append(w, actor, SystemEventTypes.SettingChanged, null, new { key = Key, from = before, to = value });
        });
        _cached = new Cached(value, DateTimeOffset.UtcNow);
        return new SecurityPolicyDto(value);
    }
}
