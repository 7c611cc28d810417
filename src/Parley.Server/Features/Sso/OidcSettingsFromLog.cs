using Parley.Server.Platform.Subscribers;
using Parley.Server.Platform.SystemLog;

namespace Parley.Server.Features.Sso;

/// <summary>Per-node reader of the system stream: SSO settings saved on any node (or by the CLI) are reloaded on this one.</summary>
public sealed class OidcSettingsFromLog(OidcSettings settings) : IEventSubscriber
{
    public string Name => "sso-settings";
    public string Stream => EventStreams.System;
    public bool PerNode => true;

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Any(e => e.Type == SystemEventTypes.SettingChanged && e.Data?.Contains(OidcSettings.Key, StringComparison.Ordinal) == true))
            await settings.ReloadAsync();
    }
}
