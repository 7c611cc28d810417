using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Security;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Settings;

/// <summary>
/// Settings an administrator changes at run time (<see cref="RuntimeSettingsCatalog"/>): stored in the <c>settings</c>
/// table, audited as <c>settings.changed</c>, applied through <see cref="SettingsOverlay"/>. The node that writes loads
/// the table again after the commit; other nodes do when <see cref="SettingChangesFromLog"/> reads the event.
/// </summary>
public sealed class RuntimeSettings(Database database, WriteQueue writer, IConfiguration configuration, SettingsOverlay overlay,
    ILogger<RuntimeSettings> logger) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>Reads the stored overrides and applies them. Serialised, so a slower earlier read never replaces a later one.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var values = new Dictionary<string, string>();
            foreach (var (key, (text, _)) in await StoredAsync(cancellationToken))
            {
                if (RuntimeSettingsCatalog.Find(key) is not { } setting) continue;
                if (setting.FromStored(text) is { } value) values[setting.Path] = setting.ToConfig(value);
                else logger.LogWarning("Ignoring the stored value {Value} of setting {Key}: outside its range {Min}..{Max}", text, key, setting.Min, setting.Max);
            }
            overlay.Provider.Replace(values);
        }
        finally
        {
            _loading.Release();
        }
    }

    public async Task<RuntimeSettingsDto> ListAsync(Actor actor)
    {
        actor.Require(Contracts.Permissions.SystemManage);
        var stored = await StoredAsync(CancellationToken.None);
        return new RuntimeSettingsDto(RuntimeSettingsCatalog.All.Select(s => Describe(s, stored)).ToList());
    }

    public async Task<RuntimeSettingDto> SetAsync(string key, RuntimeSettingChange change, Actor actor)
    {
        actor.Require(Contracts.Permissions.SystemManage);
        var setting = Known(key);
        if (change.Value is not { } value || !setting.IsValid(value))
            throw ParleyException.Invalid(key, setting.WholeNumber
                ? $"{key} must be a whole number from {setting.Min:R} to {setting.Max:R} ({setting.UnitName})."
                : $"{key} must be a number from {setting.Min:R} to {setting.Max:R} ({setting.UnitName}).");
        var fallback = Default(setting);
        await writer.ExecuteAsync(w =>
        {
            var before = setting.FromStored(SettingsStore.Get(w, key));
            if (before == value) return 0;
            SettingsStore.Set(w, key, setting.ToStored(value));
            return SystemLog.Append(w, actor, SystemEventTypes.SettingChanged, null, new { key, from = before ?? fallback, to = value, reset = false });
        });
        return await AppliedAsync(setting);
    }

    /// <summary>Back to the configured default: the stored override is removed (a no-op when there is none).</summary>
    public async Task<RuntimeSettingDto> ResetAsync(string key, Actor actor)
    {
        actor.Require(Contracts.Permissions.SystemManage);
        var setting = Known(key);
        var fallback = Default(setting);
        await writer.ExecuteAsync(w =>
        {
            var before = SettingsStore.Get(w, key);
            if (before is null) return 0;
            SettingsStore.Delete(w, key);
            return SystemLog.Append(w, actor, SystemEventTypes.SettingChanged, null, new { key, from = setting.FromStored(before), to = fallback, reset = true });
        });
        return await AppliedAsync(setting);
    }

    private async Task<RuntimeSettingDto> AppliedAsync(RuntimeSetting setting)
    {
        await LoadAsync();
        return Describe(setting, await StoredAsync(CancellationToken.None));
    }

    public void Dispose() => _loading.Dispose();

    private static RuntimeSetting Known(string key) => RuntimeSettingsCatalog.Find(key) ?? throw ParleyException.NotFound($"Setting '{key}'");

    private RuntimeSettingDto Describe(RuntimeSetting s, IReadOnlyDictionary<string, (string Value, long UpdatedAt)> stored)
    {
        var fallback = Default(s);
        var has = stored.TryGetValue(s.Key, out var row);
        var overridden = has ? s.FromStored(row.Value) : null;
        return new RuntimeSettingDto(s.Key, s.UnitName, s.WholeNumber, overridden ?? fallback, fallback, overridden is not null, s.Min, s.Max, s.ClientVisible,
            has ? DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt) : null);
    }

    /// <summary>What the configuration says without the overlay: the last provider that has the path, else the built-in default.</summary>
    public double Default(RuntimeSetting setting)
    {
        if (configuration is IConfigurationRoot root)
            foreach (var provider in root.Providers.Reverse())
                if (provider != overlay.Provider && provider.TryGet(setting.Path, out var text) && setting.FromConfig(text) is { } value)
                    return value;
        return setting.BuiltIn();
    }

    private async Task<IReadOnlyDictionary<string, (string Value, long UpdatedAt)>> StoredAsync(CancellationToken cancellationToken)
    {
        await using var c = await database.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<(string Key, string Value, long UpdatedAt)>(new CommandDefinition(
            "SELECT key, value, updated_at FROM settings", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Key, r => (r.Value, r.UpdatedAt));
    }
}
