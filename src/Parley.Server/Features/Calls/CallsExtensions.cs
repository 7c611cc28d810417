using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Server.Features.Calls.Sfu;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;

namespace Parley.Server.Features.Calls;

/// <summary>Composition root of calls (issue 15): options, service, ICE credentials, the sweep, the member-left hook, the SFU seam.</summary>
public static class CallsExtensions
{
    public static WebApplicationBuilder AddCalls(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CallsOptions>().Bind(builder.Configuration.GetSection(CallsOptions.Section))
            .Validate(o => o.TurnUrls.Length == 0 || o.TurnSecret is { Length: >= 16 },
                "Parley:Calls: TurnSecret (coturn's static-auth-secret, at least 16 characters) is required with TurnUrls.")
            .Validate(o => o.TurnUrls.All(u => u.StartsWith("turn:", StringComparison.Ordinal) || u.StartsWith("turns:", StringComparison.Ordinal))
                           && o.StunUrls.All(u => u.StartsWith("stun:", StringComparison.Ordinal) || u.StartsWith("stuns:", StringComparison.Ordinal)),
                "Parley:Calls: TurnUrls must start with turn: or turns:, StunUrls with stun: or stuns:.")
            .Validate(o => o.PeerToPeerMaxParticipants >= 2 && o.SfuMaxParticipants >= 2 && o.TurnCredentialTtl >= TimeSpan.FromMinutes(1)
                           && o.RingTimeout > TimeSpan.Zero && o.ParticipantTimeout >= TimeSpan.FromSeconds(1)
                           && o.SweepInterval > TimeSpan.Zero && o.MaxSignalBytes is >= 1024 and <= 1024 * 1024,
                "Parley:Calls: PeerToPeerMaxParticipants and SfuMaxParticipants at least 2, TurnCredentialTtl at least a minute, RingTimeout and SweepInterval positive, ParticipantTimeout at least a second, MaxSignalBytes 1 KiB–1 MiB.")
            .ValidateOnStart();
        // The SFU seam: Janus registers its own ISfuRooms when configured; otherwise every call is peer-to-peer.
        services.TryAddSingleton<ISfuRooms, DisabledSfuRooms>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IceServers>();
        services.AddSingleton<CallStore>();
        services.AddSingleton<CallService>();
        services.TryAddSingleton<JobLease>();
        services.AddHostedService<CallSweepJob>();
        services.AddEventSubscriber<CallMemberLeft>();
        return builder;
    }

    public static RouteGroupBuilder MapCalls(this RouteGroupBuilder api)
    {
        api.MapCallsApi();
        return api;
    }
}
