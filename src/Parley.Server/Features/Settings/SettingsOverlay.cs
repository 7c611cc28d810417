namespace Parley.Server.Features.Settings;

/// <summary>
/// The configuration source of runtime settings, added last so it overrides appsettings, the environment and the
/// command line. Its values come from the <c>settings</c> table (<see cref="RuntimeSettings.LoadAsync"/>); replacing
/// them raises the configuration's reload token, and every <c>IOptionsMonitor&lt;T&gt;</c> bound to a section rebuilds
/// its value from the new configuration: code reading <c>CurrentValue</c> sees the change on its next call.
/// </summary>
public sealed class SettingsOverlay : IConfigurationSource
{
    public SettingsOverlayProvider Provider { get; } = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
}

public sealed class SettingsOverlayProvider : ConfigurationProvider
{
    /// <summary>Replaces every override at once (configuration path → value) and tells the options monitors.</summary>
    public void Replace(IReadOnlyDictionary<string, string> values)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, value) in values) data[path] = value;
        if (SameAs(data)) return;
        Data = data;
        OnReload();
    }

    private bool SameAs(Dictionary<string, string?> data) =>
        data.Count == Data.Count && data.All(kv => Data.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
