using System.Net;
using System.Net.Http.Json;
using OtpNet;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Identity;

/// <summary>TOTP enrolment, sign-in with a code or a recovery code, replay and guessing refused, turning it off, and the policy that requires it.</summary>
public class TwoFactorTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Auth:LoginFailuresPerAddress"] = "100" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Code(string secret, int stepsAhead = 0) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepsAhead));

    private async Task<(HttpStatusCode Status, string? Code, LoginResponse? Login)> LoginAsync(string user, string? code, string password = TestServer.UserPassword)
    {
        using var anon = _server.Client();
        using var res = await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(user, password, code));
        if (res.IsSuccessStatusCode) return (res.StatusCode, null, await res.Content.ReadFromJsonAsync<LoginResponse>());
        var problem = await res.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (res.StatusCode, problem.GetProperty("code").GetString(), null);
    }

    private async Task<(HttpStatusCode, string?)> FailAsync(string user, string? code, string password = TestServer.UserPassword)
    {
        var (status, error, _) = await LoginAsync(user, code, password);
        return (status, error);
    }

    private static async Task<(string Secret, IReadOnlyList<string> Recovery)> EnrolAsync(Session s)
    {
        var enrol = await s.Ok<TotpEnrollmentDto>(s.Http.PostAsync("/api/v1/users/me/totp", null));
        Assert.StartsWith($"otpauth://totp/Parley:{s.User.Username}?secret={enrol.Secret}&issuer=Parley", enrol.OtpauthUri);
        Assert.StartsWith("data:image/png;base64,iVBOR", enrol.QrCode);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.TotpInvalid),
            await s.StatusAsync(s.Http.PostAsJsonAsync("/api/v1/users/me/totp/confirm", new TotpConfirmRequest("123456" == Code(enrol.Secret) ? "654321" : "123456"))));
        var codes = await s.Ok<RecoveryCodesDto>(s.Http.PostAsJsonAsync("/api/v1/users/me/totp/confirm", new TotpConfirmRequest(Code(enrol.Secret))));
        Assert.Equal(10, codes.RecoveryCodes.Distinct().Count());
        return (enrol.Secret, codes.RecoveryCodes);
    }

    [Fact]
    public async Task Enrolled_LoginNeedsCode_ReplayIsRefused_RecoveryCodeWorksOnce()
    {
        var admin = await _server.AdminAsync();
        var dora = await _server.UserAsync("dora");
        var (secret, recovery) = await EnrolAsync(dora);
        Assert.True((await dora.Ok<UserDto>(dora.Http.GetAsync("/api/v1/users/me"))).TotpEnabled);

        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.TotpRequired), await FailAsync("dora", null));
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials), await FailAsync("dora", Code(secret, 1), "wrong-password-1"));
        // The confirmation used this time step's code: the next step's code signs in, once.
        var next = Code(secret, 1);
        var ok = await LoginAsync("dora", next);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Null(ok.Login!.User.Requires);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.TotpInvalid), await FailAsync("dora", next));
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.TotpInvalid), await FailAsync("dora", Code(secret))); // an older step than one used

        var spaced = recovery[0].ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("dora", spaced)).Status);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.TotpInvalid), await FailAsync("dora", recovery[0]));

        var actions = (await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?targetId={dora.Id}"))).Items.Select(e => e.Action).ToList();
        Assert.Contains("user.totp_enabled", actions);
        Assert.Contains("user.recovery_code_used", actions);
        Assert.Contains("auth.login_failed", actions);
    }

    [Fact]
    public async Task GuessingCodes_IsThrottled_EvenTheRightCodeThen()
    {
        var eve = await _server.UserAsync("eve");
        var (secret, _) = await EnrolAsync(eve);
        var wrong = Code(secret, 1) == "000000" ? "111111" : "000000";
        for (var i = 0; i < 4; i++) Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.TotpInvalid), await FailAsync("eve", wrong));
        Assert.Equal((HttpStatusCode.TooManyRequests, ErrorCodes.TotpThrottled), await FailAsync("eve", Code(secret, 1)));
    }

    [Fact]
    public async Task TurningOff_NeedsPasswordOrCode_AdministratorCanReset()
    {
        var admin = await _server.AdminAsync();
        var finn = await _server.UserAsync("finn");
        var (secret, _) = await EnrolAsync(finn);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.InvalidCredentials),
            await finn.StatusAsync(finn.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me/totp") { Content = JsonContent.Create(new TotpDisableRequest("not-my-password", null)) })));
        Assert.Equal(HttpStatusCode.NoContent, (await finn.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me/totp") { Content = JsonContent.Create(new TotpDisableRequest(TestServer.UserPassword, null)) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("finn", null)).Status);

        await EnrolAsync(finn);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/users/{finn.Id}/totp")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("finn", null)).Status);
        var disabled = (await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?action=user.totp_disabled&targetId={finn.Id}"))).Items;
        Assert.Equal(["administrator", "self"], disabled.Select(e => e.Details!.Value.GetProperty("by").GetString()));
        Assert.Equal(admin.Id, disabled[0].ActorId);
    }

    [Fact]
    public async Task PolicyEveryone_SignsInButOnlyEnrolmentIsAllowed_UntilEnrolled()
    {
        var admin = await _server.AdminAsync();
        await _server.UserAsync("gus");
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PutAsJsonAsync("/api/v1/admin/security-policy", new SecurityPolicyDto("sometimes"))));
        Assert.Equal(TwoFactorRequirement.Administrators,
            (await admin.Ok<SecurityPolicyDto>(admin.Http.PutAsJsonAsync("/api/v1/admin/security-policy", new SecurityPolicyDto(TwoFactorRequirement.Administrators)))).RequireTwoFactor);
        // The administrator (who changed it) is now restricted too, until enrolled; a member is not.
        Assert.Equal(ErrorCodes.TotpEnrollmentRequired, (await admin.Ok<UserDto>(admin.Http.GetAsync("/api/v1/users/me"))).Requires);
        Assert.Null((await LoginAsync("gus", null)).Login!.User.Requires);
        await EnrolAsync(admin);
        await admin.Ok<SecurityPolicyDto>(admin.Http.PutAsJsonAsync("/api/v1/admin/security-policy", new SecurityPolicyDto(TwoFactorRequirement.Everyone)));

        var login = (await LoginAsync("gus", null)).Login!;
        Assert.Equal(ErrorCodes.TotpEnrollmentRequired, login.User.Requires);
        var gus = new Session(_server, login.User, login.Token);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.TotpEnrollmentRequired), await gus.StatusAsync(gus.Http.GetAsync("/api/v1/conversations")));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.TotpEnrollmentRequired), await gus.StatusAsync(gus.Http.PostAsync("/api/v1/hub/negotiate?negotiateVersion=1", null)));
        await EnrolAsync(gus);
        Assert.Equal(HttpStatusCode.OK, (await gus.Http.GetAsync("/api/v1/conversations")).StatusCode);
        var changes = (await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=settings.changed"))).Items;
        Assert.Equal([TwoFactorRequirement.Everyone, TwoFactorRequirement.Administrators], changes.Select(e => e.Details!.Value.GetProperty("to").GetString()));
    }
}
