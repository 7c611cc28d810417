using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Compliance;
using Parley.Server.Features.Files;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Planner;

namespace Parley.Server.Features.Config;

/// <summary>The client's view of the validated feature options: what a client needs to follow, nothing operational (no paths, keys, rates).</summary>
public static class ClientConfig
{
    public static ClientConfigDto Create(AuthOptions auth, MessagesOptions messages, FilesOptions files, PlannerOptions planner, ComplianceOptions compliance, bool signedIn,
        SsoConfigDto? sso = null)
    {
        var policy = new AuthConfigDto(auth.MinPasswordLength, planner.AllowAnonymous, sso);
        if (!signedIn) return new ClientConfigDto(policy, null, null, null);
        return new ClientConfigDto(
            policy,
            new MessagesConfigDto((int)Math.Floor(messages.RecallWindow.TotalSeconds), messages.MaxTextBytes, messages.MaxReactionsPerMessage, messages.MentionAllOpenUpTo),
            new FilesConfigDto(files.MaxFileSize, files.UserQuota, files.ChunkSize, files.MaxNameLength,
                files.BlockedExtensions ?? FilesOptions.DefaultBlockedExtensions,
                files.AllowedExtensions is { Length: > 0 } allowed ? allowed : null),
            new FeaturesDto(Files: true, Search: true, Planner: true, Watermark: compliance.Watermark));
    }
}
