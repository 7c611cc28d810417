using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Compliance;
using Parley.Server.Features.Files;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Planner;

namespace Parley.Server.Features.Config;

public static class ConfigApi
{
    /// <summary>
    /// Anonymous, like the setup status: the first-run screen needs the password policy before anyone can sign in.
    /// The rest of the configuration is answered only with a valid token (authentication still runs here). The single
    /// sign-on button (label and start address) is in the anonymous part: the sign-in page shows it.
    /// </summary>
    internal static ClientConfigDto Get(HttpContext http, IOptionsMonitor<AuthOptions> auth, IOptionsMonitor<MessagesOptions> messages, IOptionsMonitor<FilesOptions> files, IOptions<PlannerOptions> planner,
        IOptions<ComplianceOptions> compliance, Sso.OidcSettings sso) =>
        ClientConfig.Create(auth.CurrentValue, messages.CurrentValue, files.CurrentValue, planner.Value, compliance.Value, signedIn: http.User.Identity?.IsAuthenticated == true,
            sso.Current is { Usable: true } o ? new SsoConfigDto(o.ButtonLabel ?? "", Sso.OidcSettings.StartPath) : null);
}
