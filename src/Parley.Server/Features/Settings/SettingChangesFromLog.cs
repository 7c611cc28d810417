using Parley.Server.Platform.Subscribers;
using Parley.Server.Platform.SystemLog;

namespace Parley.Server.Features.Settings;

/// <summary>Per-node reader of the system stream: a setting changed on any node (or by the CLI) is loaded again here.</summary>
public sealed class SettingChangesFromLog(RuntimeSettings settings) : IEventSubscriber
{
    public string Name => "runtime-settings";
    public string Stream => EventStreams.System;
    public bool PerNode => true;

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Any(e => e.Type == SystemEventTypes.SettingChanged)) await settings.LoadAsync(cancellationToken);
    }
}

/// <summary>Loads the stored overrides when the node starts, before the subscribers (registered later) begin.</summary>
public sealed class SettingsLoader(RuntimeSettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => settings.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
