using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Contracts;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;

namespace Parley.Server.Features.Ldap;

/// <summary>Composition root of LDAP / Active Directory: the identity provider, the sync (scheduled and on demand), the admin API.</summary>
public static class LdapExtensions
{
    public static WebApplicationBuilder AddLdap(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LdapOptions>().Bind(builder.Configuration.GetSection(LdapOptions.Section))
            .Validate(o => !o.Enabled || (o.Url is not null && o.BaseDn is not null), "Parley:Ldap: with Enabled, give Url and BaseDn.")
            .Validate(o => LdapIdAttributes.All.Contains(o.IdAttribute), $"Parley:Ldap:IdAttribute is one of: {string.Join(", ", LdapIdAttributes.All)}.")
            .Validate(o => LdapDepartmentSources.All.Contains(o.DepartmentSource), $"Parley:Ldap:DepartmentSource is one of: {string.Join(", ", LdapDepartmentSources.All)}.")
            .Validate(o => o.UserFilter.Contains("{0}", StringComparison.Ordinal) && LdapFilter.LooksValid(o.UserFilter), "Parley:Ldap:UserFilter must be an LDAP filter containing {0}.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<JobLease>();
        builder.Services.AddSingleton<LdapDirectory>();
        builder.Services.AddSingleton<LdapStore>();
        builder.Services.AddSingleton<LdapSettings>();
        builder.Services.AddSingleton<LdapSync>();
        builder.Services.AddIdentityProvider<LdapIdentityProvider>();
        builder.Services.AddHostedService<LdapSyncJob>();
        return builder;
    }

    public static RouteGroupBuilder MapLdap(this RouteGroupBuilder api)
    {
        api.MapLdapApi();
        return api;
    }
}
