using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.TwoFactor;

public static class TotpApi
{
    public static void MapTotpApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/users/me/totp").WithTags("Users");
        me.MapPost("/", async (HttpContext http, TotpService totp) => await totp.BeginAsync(CurrentUser.Id(http.User), Actor.Of(http)))
            .WithSummary("Starts TOTP enrolment: a new secret, its otpauth:// URI and a QR code. Two-factor sign-in is on only after /confirm.");
        me.MapPost("/confirm", async (TotpConfirmRequest request, HttpContext http, TotpService totp) =>
                await totp.ConfirmAsync(CurrentUser.Id(http.User), request.Code, Actor.Of(http)))
            .WithSummary("Confirms enrolment with a code from the app; answers the one-time recovery codes (shown once).");
        me.MapDelete("/", async ([Microsoft.AspNetCore.Mvc.FromBody] TotpDisableRequest request, HttpContext http, TotpService totp) =>
            {
                await totp.DisableOwnAsync(CurrentUser.Id(http.User), request, Actor.Of(http));
                return TypedResults.NoContent();
            }).WithSummary("Turns two-factor sign-in off; needs the password or a current code.");

        api.MapDelete("/users/{id:long}/totp", async (long id, HttpContext http, TotpService totp) =>
            {
                await totp.ResetAsync(id, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Contracts.Permissions.UsersManage).WithTags("Users")
            .WithSummary("Turns a user's two-factor sign-in off (lost device; users.manage).");
    }
}
