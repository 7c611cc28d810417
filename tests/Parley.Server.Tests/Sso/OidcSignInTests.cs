using System.Net;
using System.Net.Http.Json;
using System.Web;
using OtpNet;
using Parley.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Parley.Server.Features.Security;
using Parley.Server.Features.Sso;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Sso;

/// <summary>
/// Single sign-on against a real OpenID Provider (oidc-provider in tests/oidc): the whole code flow through its login
/// and consent pages, the one-time code, linking and provisioning, refusals (deactivated, unknown, cancelled, tampered
/// state, open redirects), the second factor, and the administrator's settings taking effect without a restart.
/// </summary>
public sealed class OidcSignInTests(OidcProviderService idp) : IClassFixture<OidcProviderService>, IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(idp.ServerSettings());
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Uri Start(string? returnUrl = null) =>
        new(_server.BaseAddress, "/api/v1/auth/oidc/start" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));

    private static string? Param(Uri u, string name) => HttpUtility.ParseQueryString(u.Query)[name];

    private async Task<Uri> SignInAsync(string login, string? returnUrl = null)
    {
        using var browser = new OidcProviderService.Browser();
        return await OidcProviderService.SignInAsync(browser, Start(returnUrl), login);
    }

    private async Task<(HttpStatusCode Status, string? Code, OidcExchangeResponse? Body)> ExchangeAsync(string? code, string? totp = null)
    {
        using var anon = _server.Client();
        using var res = await anon.PostAsJsonAsync("/api/v1/auth/oidc/exchange", new OidcExchangeRequest(code, totp));
        if (res.IsSuccessStatusCode) return (res.StatusCode, null, await res.Content.ReadFromJsonAsync<OidcExchangeResponse>(Json.Options));
        var problem = await res.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (res.StatusCode, problem.GetProperty("code").GetString(), null);
    }

    private async Task<OidcSettingsDto> SaveAsync(Session admin, Func<OidcSettingsDto, OidcSettingsRequest, OidcSettingsRequest> change)
    {
        var now = await admin.Ok<OidcSettingsDto>(admin.Http.GetAsync("/api/v1/admin/sso/oidc/"));
        var request = new OidcSettingsRequest(now.Enabled, now.Authority, now.ClientId, null, now.Scopes, now.ButtonLabel, now.LinkClaim, now.LinkExisting,
            now.AutoProvision, now.TrustIdpMfa, now.RequireHttpsMetadata);
        return await admin.Ok<OidcSettingsDto>(admin.Http.PutAsJsonAsync("/api/v1/admin/sso/oidc/", change(now, request)));
    }

    private static string Fresh(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task CodeFlow_ProvisionsAccount_CodeWorksOnce_NextSignInFindsTheSameAccount()
    {
        var admin = await _server.AdminAsync();
        var login = Fresh("jit");
        var back = await SignInAsync(login, "/#/c/42");
        Assert.Equal("/", back.AbsolutePath);
        var code = Param(back, "sso_code");
        Assert.False(string.IsNullOrEmpty(code), "expected a one-time code in the redirect, got " + back);
        Assert.DoesNotContain("pt_", back.ToString(), StringComparison.Ordinal); // no session token in any URL

        var (status, _, body) = await ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(login, body!.Login.User.Username);
        Assert.Equal("/#/c/42", body.ReturnUrl);
        using (var me = _server.Client(body.Login.Token))
            Assert.Equal(login, (await me.GetFromJsonAsync<UserDto>("/api/v1/users/me"))!.Username);

        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.SsoCodeInvalid), (await ExchangeAsync(code)) is var again ? (again.Status, again.Code) : default);
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.SsoCodeInvalid), (await ExchangeAsync("sc_" + new string('A', 43))) is var made ? (made.Status, made.Code) : default);

        var second = await ExchangeAsync(Param(await SignInAsync(login), "sso_code"));
        Assert.Equal(body.Login.User.Id, second.Body!.Login.User.Id);

        var audit = await admin.Ok<AuditPage>(admin.Http.GetAsync($"/api/v1/audit?targetId={body.Login.User.Id}"));
        Assert.Contains(audit.Items, e => e.Action == "sso.linked");
        Assert.Equal(2, audit.Items.Count(e => e.Action == "auth.login" && e.Details?.GetProperty("provider").GetString() == "oidc"));
        Assert.Single(audit.Items, e => e.Action == "user.created");
    }

    [Fact]
    public async Task ChineseName_IsTheProvisionedDisplayName()
    {
        var back = await SignInAsync("wang");
        var login = await ExchangeAsync(Param(back, "sso_code"));
        Assert.Equal("王芳", login.Body!.Login.User.DisplayName);
    }

    [Fact]
    public async Task ProvisioningOff_UnknownPerson_ComesBackWithNoAccount_LinkExisting_LinksByUsername()
    {
        var admin = await _server.AdminAsync();
        await SaveAsync(admin, (_, r) => r with { AutoProvision = false });
        Assert.Equal(SsoErrors.NoAccount, Param(await SignInAsync(Fresh("nobody")), "sso_error"));

        // An existing password account with the same username: not linked until the administrator allows it.
        var name = Fresh("pw");
        var existing = await _server.UserAsync(name);
        Assert.Equal(SsoErrors.NoAccount, Param(await SignInAsync(name), "sso_error"));
        await SaveAsync(admin, (_, r) => r with { LinkExisting = true });
        var linked = await ExchangeAsync(Param(await SignInAsync(name), "sso_code"));
        Assert.Equal(existing.Id, linked.Body!.Login.User.Id);

        // Once linked, the link holds even when linking by username is switched off again.
        await SaveAsync(admin, (_, r) => r with { LinkExisting = false });
        Assert.Equal(existing.Id, (await ExchangeAsync(Param(await SignInAsync(name), "sso_code"))).Body!.Login.User.Id);
    }

    [Fact]
    public async Task DeactivatedAccount_IsRefused()
    {
        var admin = await _server.AdminAsync();
        var login = Fresh("gone");
        var first = await ExchangeAsync(Param(await SignInAsync(login), "sso_code"));
        var id = first.Body!.Login.User.Id;
        // A code handed out before the deactivation does not give a session after it either.
        var pending = Param(await SignInAsync(login), "sso_code");
        await admin.Ok<UserDto>(admin.Http.PatchAsJsonAsync($"/api/v1/users/{id}", new UpdateUserRequest(null, false, null)));
        Assert.Equal(SsoErrors.AccountDisabled, Param(await SignInAsync(login), "sso_error"));
        var late = await ExchangeAsync(pending);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials), (late.Status, late.Code));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task OpenRedirect_ReturnUrlIsIgnored(string returnUrl)
    {
        var back = await SignInAsync(Fresh("redir"), returnUrl);
        Assert.Equal(_server.BaseAddress.Authority, back.Authority);
        Assert.Equal("/", back.AbsolutePath);
        Assert.Equal("/", (await ExchangeAsync(Param(back, "sso_code"))).Body!.ReturnUrl);
    }

    [Fact]
    public async Task TamperedState_IsRefused_AndNoCodeIsIssued()
    {
        using var browser = new OidcProviderService.Browser();
        var back = await OidcProviderService.SignInAsync(browser, Start(), Fresh("tamper"), callback =>
        {
            var q = HttpUtility.ParseQueryString(callback.Query);
            var state = q["state"]!;
            q["state"] = state[..^4] + (state.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
            return new UriBuilder(callback) { Query = q.ToString() }.Uri;
        });
        Assert.Equal(SsoErrors.Failed, Param(back, "sso_error"));
        Assert.Null(Param(back, "sso_code"));
    }

    [Fact]
    public async Task CancelAtTheProvider_ComesBackAsAccessDenied()
    {
        using var browser = new OidcProviderService.Browser();
        var back = await OidcProviderService.SignInAsync(browser, Start(), Fresh("cancel"), cancel: true);
        Assert.Equal(SsoErrors.AccessDenied, Param(back, "sso_error"));
    }

    [Fact]
    public async Task TotpAccount_NeedsItsCodeAtTheExchange_UnlessTheProvidersMfaIsTrusted()
    {
        var admin = await _server.AdminAsync();
        var name = Fresh("totp");
        var user = await _server.UserAsync(name);
        var enrol = await user.Ok<TotpEnrollmentDto>(user.Http.PostAsync("/api/v1/users/me/totp", null));
        var totp = new Totp(Base32Encoding.ToBytes(enrol.Secret));
        await user.Ok<RecoveryCodesDto>(user.Http.PostAsJsonAsync("/api/v1/users/me/totp/confirm", new TotpConfirmRequest(totp.ComputeTotp())));
        await SaveAsync(admin, (_, r) => r with { LinkExisting = true });

        var code = Param(await SignInAsync(name), "sso_code");
        var without = await ExchangeAsync(code);
        Assert.Equal((HttpStatusCode.Unauthorized, ErrorCodes.TotpRequired), (without.Status, without.Code));
        // The same code stays usable for the second factor; then it is spent.
        var with = await ExchangeAsync(code, totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        Assert.Equal(HttpStatusCode.OK, with.Status);
        Assert.Equal(ErrorCodes.SsoCodeInvalid, (await ExchangeAsync(code, totp.ComputeTotp())).Code);

        await SaveAsync(admin, (_, r) => r with { TrustIdpMfa = true });
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(Param(await SignInAsync(name), "sso_code"))).Status);
    }

    [Fact]
    public async Task AdminSettings_SecretNeverReturned_ChangesApplyWithoutRestart_TestConnectionReports()
    {
        var admin = await _server.AdminAsync();
        var settings = await admin.Ok<OidcSettingsDto>(admin.Http.GetAsync("/api/v1/admin/sso/oidc/"));
        Assert.True(settings.ClientSecretSet);
        Assert.DoesNotContain(OidcProviderService.ClientSecret, await admin.Http.GetStringAsync("/api/v1/admin/sso/oidc/"), StringComparison.Ordinal);
        Assert.EndsWith("/api/v1/auth/oidc/callback", settings.RedirectUri, StringComparison.Ordinal);

        using var anon = _server.Client();
        var config = await anon.GetFromJsonAsync<ClientConfigDto>("/api/v1/config", Json.Options);
        Assert.Equal(new SsoConfigDto("公司账号登录", "/api/v1/auth/oidc/start"), config!.Auth.Sso);

        // A wrong secret saved at run time is used by the next sign-in (the handler's options were rebuilt).
        await SaveAsync(admin, (_, r) => r with { ClientSecret = "wrong-secret" });
        Assert.Equal(SsoErrors.Failed, Param(await SignInAsync(Fresh("sec")), "sso_error"));
        await SaveAsync(admin, (_, r) => r with { ClientSecret = OidcProviderService.ClientSecret });
        Assert.NotNull(Param(await SignInAsync(Fresh("sec")), "sso_code"));

        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PutAsJsonAsync("/api/v1/admin/sso/oidc/", new OidcSettingsRequest(true, "http://idp.example.com", "x", null, null, null, null, false, false, false, false))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PutAsJsonAsync("/api/v1/admin/sso/oidc/", new OidcSettingsRequest(true, idp.Issuer, "parley", null, null, null, "shoe_size", false, false, false, false))));

        var ok = await admin.Ok<OidcTestResultDto>(admin.Http.PostAsJsonAsync("/api/v1/admin/sso/oidc/test", new OidcTestRequest(null, null)));
        Assert.True(ok.Ok, ok.Error);
        Assert.Equal(idp.Issuer, ok.Issuer);
        Assert.True(ok.SigningKeys > 0);
        var down = await admin.Ok<OidcTestResultDto>(admin.Http.PostAsJsonAsync("/api/v1/admin/sso/oidc/test", new OidcTestRequest($"http://127.0.0.1:{Ports.Free()}", false)));
        Assert.False(down.Ok);
        Assert.Equal("discovery", down.Stage);
        Assert.Contains("Could not read", down.Error, StringComparison.Ordinal);

        // Switched off: no button, and the start address sends people back to the sign-in page.
        await SaveAsync(admin, (_, r) => r with { Enabled = false });
        Assert.Null((await anon.GetFromJsonAsync<ClientConfigDto>("/api/v1/config", Json.Options))!.Auth.Sso);
        using var browser = new OidcProviderService.Browser();
        var (_, _, stopped) = await browser.FollowAsync(Start(), _ => true);
        Assert.Equal(SsoErrors.Disabled, Param(stopped!, "sso_error"));
    }

    [Fact]
    public async Task SettingsSavedOnAnotherNode_AreReloadedFromTheSystemStream()
    {
        // What another node (or the CLI) leaves behind: the settings row and the settings.changed event, nothing in this node's memory.
        var settings = _server.Services.GetRequiredService<OidcSettings>();
        var changed = settings.Current.Clone();
        changed.ButtonLabel = "Elsewhere";
        await _server.Services.GetRequiredService<WriteQueue>().ExecuteAsync(w =>
        {
            SettingsStore.Set(w, OidcSettings.Key, System.Text.Json.JsonSerializer.Serialize(changed, Json.Options));
            return SystemLog.Append(w, Actor.Cli, SystemEventTypes.SettingChanged, null, new { key = OidcSettings.Key });
        });
        using var anon = _server.Client();
        var until = DateTime.UtcNow.AddSeconds(15);
        string? label = null;
        while (DateTime.UtcNow < until && label != "Elsewhere")
        {
            label = (await anon.GetFromJsonAsync<ClientConfigDto>("/api/v1/config", Json.Options))!.Auth.Sso?.ButtonLabel;
            if (label != "Elsewhere") await Task.Delay(100);
        }
        Assert.True(label == "Elsewhere", "the per-node subscriber did not reload the SSO settings; the button still says " + label);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/#/c/5", "/#/c/5")]
    [InlineData("/admin?x=1", "/admin?x=1")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("/ok\r\nLocation: x", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void ReturnUrls_AcceptOnlyLocalPaths(string? input, string expected) => Assert.Equal(expected, ReturnUrls.Local(input));
}
