using Microsoft.AspNetCore.Authorization;
using Parley.Server.Features.Auth;

namespace Parley.Server.Platform.Permissions;

/// <summary>
/// One authorization policy per permission, named after it: REST endpoints use <see cref="RequirePermission"/>, hub
/// methods <c>[Authorize(Policy = Permissions.X)]</c>; both are decided by <see cref="PermissionHandler"/> from the
/// permission claims that the token handler derives from the user's roles.
/// </summary>
public static class PermissionPolicies
{
    public static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Contracts.Permissions.All)
            builder.AddPolicy(permission, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        return builder;
    }

    public static TBuilder RequirePermission<TBuilder>(this TBuilder endpoint, string permission) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(permission);
}

public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (CurrentUser.Permissions(context.User).Contains(requirement.Permission)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
