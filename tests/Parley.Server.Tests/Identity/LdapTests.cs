using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Ldap;
using Parley.Server.Features.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Identity;

/// <summary>
/// LDAP / AD sign-in and directory sync against a real slapd (Debian's OpenLDAP, started per test on loopback): bind
/// login, filter injection, users and departments with Chinese names, the dry run, deactivation of removed or disabled
/// accounts (their sessions end at once), test connection, settings, and who may use the admin endpoints.
/// </summary>
public class LdapTests : IAsyncLifetime
{
    private Slapd _ldap = null!;
    private TestServer _server = null!;

    private const string Seed = """
        dn: ou=技术中心,dc=parley,dc=test
        objectClass: organizationalUnit
        ou: 技术中心

        dn: ou=研发部,ou=技术中心,dc=parley,dc=test
        objectClass: organizationalUnit
        ou: 研发部

        dn: ou=市场部,dc=parley,dc=test
        objectClass: organizationalUnit
        ou: 市场部

        dn: uid=zhangsan,ou=研发部,ou=技术中心,dc=parley,dc=test
        objectClass: inetOrgPerson
        uid: zhangsan
        cn: 张三
        sn: 张
        mail: zhangsan@parley.test
        title: 高级工程师
        telephoneNumber: +86 10 1234 5678
        employeeNumber: E1001
        userPassword: Zs-directory-pw1

        dn: uid=lisi,ou=市场部,dc=parley,dc=test
        objectClass: inetOrgPerson
        uid: lisi
        cn: 李四
        sn: 李
        title: 市场经理
        userPassword: Ls-directory-pw2

        dn: uid=wangwu,ou=技术中心,dc=parley,dc=test
        objectClass: inetOrgPerson
        uid: wangwu
        cn: 王五
        sn: 王
        userPassword: Ww-directory-pw3

        """;

    public async Task InitializeAsync()
    {
        _ldap = await Slapd.StartAsync(Seed);
        try
        {
            _server = await TestServer.StartAsync(_ldap.Settings());
        }
        catch
        {
            await _ldap.DisposeAsync(); // xunit does not call DisposeAsync when InitializeAsync fails
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _ldap.DisposeAsync();
    }

    private async Task<HttpResponseMessage> LoginAsync(string username, string password)
    {
        using var anon = _server.Client();
        return await anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(username, password));
    }

    private async Task<Session> SignInAsync(string username, string password)
    {
        using var res = await LoginAsync(username, password);
        Assert.True(res.IsSuccessStatusCode, $"{username} could not sign in: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        var login = (await res.Content.ReadFromJsonAsync<LoginResponse>(Json.Options))!;
        return new Session(_server, login.User, login.Token);
    }

    private Task<LdapSyncReportDto> SyncAsync(Session admin, bool dryRun = false) =>
        admin.Ok<LdapSyncReportDto>(admin.Http.PostAsync($"/api/v1/admin/ldap/sync?dryRun={(dryRun ? "true" : "false")}", null));

    private UserStore Users => _server.Services.GetRequiredService<UserStore>();

    [Fact]
    public async Task BindLogin_RightPassword_SignsIn_AsAnLdapAccount_WrongPasswordIsRefused()
    {
        await _server.AdminAsync(); // a local password account signs in while LDAP is on
        var s = await SignInAsync("zhangsan", "Zs-directory-pw1");
        Assert.Equal("张三", s.User.DisplayName);
        var user = (await Users.FindByUsernameAsync("zhangsan"))!;
        Assert.Equal(("ldap", null), (user.AuthSource, user.PasswordHash));
        Assert.True(Guid.TryParse(user.ExternalId, out _), $"external id should be the entryUUID, was '{user.ExternalId}'");

        using var wrong = await LoginAsync("zhangsan", "Zs-directory-pw1x");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var empty = await LoginAsync("lisi", " ");
        Assert.Equal(HttpStatusCode.Unauthorized, empty.StatusCode);
        Assert.Null(await Users.FindByUsernameAsync("lisi")); // a refused sign-in creates nothing

        // Parley's own password of a local account wins over a directory account of the same name.
        var admin = await _server.AdminAsync();
        await admin.Ok<UserDto>(admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest("lisi", TestServer.UserPassword, "Local Li")));
        Assert.Equal("Local Li", (await SignInAsync("lisi", TestServer.UserPassword)).User.DisplayName);
        using var directoryPassword = await LoginAsync("lisi", "Ls-directory-pw2");
        Assert.Equal(HttpStatusCode.Unauthorized, directoryPassword.StatusCode);
    }

    [Theory]
    [InlineData("*)(uid=*")]
    [InlineData("zhang*")]
    [InlineData("*)(cn=张三")]
    [InlineData("*)(|(uid=zhangsan)")]
    [InlineData("zhangsan)(objectClass=*")]
    public async Task FilterInjection_InTheUsername_MatchesNobody(string username)
    {
        // With the filter built by string concatenation each of these would find zhangsan and bind with his password.
        using var res = await LoginAsync(username, "Zs-directory-pw1");
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
        Assert.Null(await Users.FindByUsernameAsync("zhangsan"));
        // The search itself, against the real directory: the escaped name finds no entry (unescaped, each would find zhangsan, or everyone).
        var options = await _server.Services.GetRequiredService<LdapSettings>().CurrentAsync();
        using var connection = LdapDirectory.Connect(options);
        Assert.Null(LdapSync.FindEntry(connection, options, username));
        Assert.NotNull(LdapSync.FindEntry(connection, options, "zhangsan"));
        Assert.Equal(@"zhang\2a\29\28uid=\2a\5c\00", LdapFilter.Escape("zhang*)(uid=*\\\0"));
    }

    [Fact]
    public async Task Sync_CreatesUsersAndDepartments_WithChineseNames_AndRecordsTheReport()
    {
        var admin = await _server.AdminAsync();
        var report = await SyncAsync(admin);
        Assert.False(report.DryRun);
        Assert.Equal(3, report.Seen);
        Assert.Equal(["lisi", "wangwu", "zhangsan"], report.Created.Select(c => c.Username).Order());
        Assert.Equal(["市场部", "技术中心", "技术中心 / 研发部"], report.DepartmentsCreated.Order(StringComparer.Ordinal));

        var departments = (await admin.Ok<ListResponse<DepartmentDto>>(admin.Http.GetAsync("/api/v1/departments"))).Items;
        var centre = departments.Single(d => d.Name == "技术中心");
        var rnd = departments.Single(d => d.Name == "研发部");
        Assert.Equal((null, centre.Id), (centre.ParentId, rnd.ParentId));
        var zhang = (await Users.FindByUsernameAsync("zhangsan"))!;
        var profile = await admin.Ok<DirectoryProfileDto>(admin.Http.GetAsync($"/api/v1/directory/users/{zhang.Id}"));
        Assert.Equal(("张三", "高级工程师", "+86 10 1234 5678", "E1001"), (profile.DisplayName, profile.Title, profile.Phone, profile.EmployeeNumber));
        Assert.Equal(["研发部"], profile.Departments.Select(d => d.Name));
        // Pinyin keys come with the synced name: "zs" finds 张三.
        var found = (await admin.Ok<ListResponse<DirectoryEntryDto>>(admin.Http.GetAsync("/api/v1/directory/search?q=zs"))).Items;
        Assert.Contains(found, f => f.Username == "zhangsan");

        // A second run has nothing to do, and the audit log holds each real run.
        var again = await SyncAsync(admin);
        Assert.Equal((0, 0, 0), (again.CreatedCount, again.UpdatedCount, again.DeactivatedCount));
        var audit = await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=ldap.sync"));
        Assert.Equal(2, audit.Items.Count);
        var state = await admin.Ok<LdapStateDto>(admin.Http.GetAsync("/api/v1/admin/ldap"));
        Assert.Equal(3, state.LastSync!.Seen);
        // The synced account signs in with its directory password.
        Assert.Equal(zhang.Id, (await SignInAsync("zhangsan", "Zs-directory-pw1")).Id);
    }

    [Fact]
    public async Task DryRun_ReportsThePlan_AndChangesNothing()
    {
        var admin = await _server.AdminAsync();
        var preview = await SyncAsync(admin, dryRun: true);
        Assert.True(preview.DryRun);
        Assert.Equal(3, preview.CreatedCount);
        Assert.Equal(3, preview.DepartmentsCreated.Count);
        Assert.Null(await Users.FindByUsernameAsync("zhangsan"));
        Assert.Empty((await admin.Ok<ListResponse<DepartmentDto>>(admin.Http.GetAsync("/api/v1/departments"))).Items);
        Assert.Null((await admin.Ok<LdapStateDto>(admin.Http.GetAsync("/api/v1/admin/ldap"))).LastSync);
        Assert.Empty((await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=ldap.sync"))).Items);

        // After a real run, a preview of a change lists the update without making it.
        await SyncAsync(admin);
        await _ldap.ModifyAsync("""
            dn: uid=lisi,ou=市场部,dc=parley,dc=test
            changetype: modify
            replace: title
            title: 市场总监

            """);
        var next = await SyncAsync(admin, dryRun: true);
        Assert.Equal(["title"], next.Updated.Single(u => u.Username == "lisi").Changes);
        var lisi = (await Users.FindByUsernameAsync("lisi"))!;
        Assert.Equal("市场经理", lisi.Title);
    }

    [Fact]
    public async Task DeletedOrDisabledInTheDirectory_IsDeactivatedAtTheNextSync_AndItsSessionEndsAtOnce()
    {
        var admin = await _server.AdminAsync();
        await SyncAsync(admin);
        var zhang = await SignInAsync("zhangsan", "Zs-directory-pw1");
        var wang = await SignInAsync("wangwu", "Ww-directory-pw3");
        await using var hub = _server.Hub(wang.Token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartRegisteredAsync();
        Assert.Equal(HttpStatusCode.OK, (await zhang.Http.GetAsync("/api/v1/users/me")).StatusCode);

        await _ldap.DeleteAsync("uid=zhangsan,ou=研发部,ou=技术中心,dc=parley,dc=test");
        // Disabled by the configured filter (OpenLDAP has no userAccountControl): wangwu is marked, then the filter is saved.
        await _ldap.ModifyAsync("""
            dn: uid=wangwu,ou=技术中心,dc=parley,dc=test
            changetype: modify
            add: description
            description: disabled

            """);
        await admin.Ok<LdapSettingsDto>(admin.Http.PutAsJsonAsync("/api/v1/admin/ldap", Request(await SettingsAsync(admin)) with { DisabledFilter = "(description=disabled)" }));
        await _ldap.ModifyAsync("""
            dn: uid=lisi,ou=市场部,dc=parley,dc=test
            changetype: modify
            replace: cn
            cn: 李小四
            -
            replace: title
            title: 市场总监

            """);

        var report = await SyncAsync(admin);
        Assert.Equal(["wangwu", "zhangsan"], report.Deactivated.Select(d => d.Username).Order());
        Assert.Equal("disabled in the directory", report.Deactivated.Single(d => d.Username == "wangwu").Reason);
        Assert.Equal(["displayName", "title"], report.Updated.Single().Changes);
        Assert.Equal("李小四", (await Users.FindByUsernameAsync("lisi"))!.DisplayName);

        // The session of each is refused at once, and the live hub connection is closed.
        Assert.Equal(HttpStatusCode.Unauthorized, (await zhang.Http.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wang.Http.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Same(closed.Task, await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.False((await Users.FindByUsernameAsync("wangwu"))!.IsActive);
        // A disabled account cannot sign in again with its (still right) directory password.
        using var again = await LoginAsync("wangwu", "Ww-directory-pw3");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task ActiveDirectoryStyle_SamAccountName_DepartmentAttribute_AndUserAccountControl()
    {
        await _ldap.AddAsync("""
            dn: cn=赵六,ou=市场部,dc=parley,dc=test
            objectClass: adUser
            cn: 赵六
            sn: 赵
            sAMAccountName: zhaoliu
            displayName: 赵六
            department: 销售部
            userAccountControl: 512
            userPassword: Zl-directory-pw4

            dn: cn=孙七,ou=市场部,dc=parley,dc=test
            objectClass: adUser
            cn: 孙七
            sn: 孙
            sAMAccountName: sunqi
            displayName: 孙七
            department: 销售部
            userAccountControl: 514
            userPassword: Sq-directory-pw5

            """);
        var admin = await _server.AdminAsync();
        var current = await SettingsAsync(admin);
        await admin.Ok<LdapSettingsDto>(admin.Http.PutAsJsonAsync("/api/v1/admin/ldap", Request(current) with
        {
            UserFilter = "(&(objectClass=adUser)(sAMAccountName={0}))",
            DepartmentSource = LdapDepartmentSources.Attribute,
            Attributes = new LdapAttributeMapDto("sAMAccountName", "displayName", "mail", "title", "telephoneNumber", "employeeNumber", "department"),
        }));
        var report = await SyncAsync(admin);
        Assert.Equal(["zhaoliu"], report.Created.Select(c => c.Username)); // sunqi: userAccountControl 514 has ACCOUNTDISABLE (2)
        Assert.Equal(["销售部"], report.DepartmentsCreated);
        Assert.Equal("赵六", (await SignInAsync("zhaoliu", "Zl-directory-pw4")).User.DisplayName);
        using var disabled = await LoginAsync("sunqi", "Sq-directory-pw5");
        Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        Assert.Null(await Users.FindByUsernameAsync("sunqi"));
    }

    [Fact]
    public async Task TestConnection_ReportsSuccess_OrWhichPartIsWrong()
    {
        var admin = await _server.AdminAsync();
        var current = Request(await SettingsAsync(admin));
        async Task<LdapTestResultDto> Test(UpdateLdapSettingsRequest? r) =>
            await admin.Ok<LdapTestResultDto>(r is null ? admin.Http.PostAsync("/api/v1/admin/ldap/test", null) : admin.Http.PostAsJsonAsync("/api/v1/admin/ldap/test", r));

        var ok = await Test(null);
        Assert.True(ok.Ok, ok.Message);
        Assert.Equal(3, ok.UsersFound);

        var closedPort = Ports.Free();
        var unreachable = await Test(current with { Url = $"ldap://127.0.0.1:{closedPort}" });
        Assert.Equal((false, ErrorCodes.LdapUnreachable), (unreachable.Ok, unreachable.Code));
        Assert.Contains($"127.0.0.1:{closedPort}", unreachable.Message, StringComparison.Ordinal);
        var badPassword = await Test(current with { BindPassword = "not-the-password" });
        Assert.Equal((false, ErrorCodes.LdapBindFailed), (badPassword.Ok, badPassword.Code));
        var noBase = await Test(current with { BaseDn = "ou=nowhere,dc=parley,dc=test" });
        Assert.Equal((false, ErrorCodes.LdapBaseNotFound), (noBase.Ok, noBase.Code));
        // Bad input is a 400 with the field, not a failed connection.
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/admin/ldap/test", current with { Url = "http://example.com" })));
        // An unsaved test does not change the settings in effect.
        Assert.Equal(_ldap.Url, (await SettingsAsync(admin)).Url);
    }

    [Fact]
    public async Task Settings_SavedInTheConsole_ApplyAtOnce_AndNeverReturnTheBindPassword()
    {
        await _server.DisposeAsync();
        _server = await TestServer.StartAsync(); // LDAP not in appsettings
        var admin = await _server.AdminAsync();
        using (var before = await LoginAsync("zhangsan", "Zs-directory-pw1"))
            Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.LdapNotConfigured), await admin.StatusAsync(admin.Http.PostAsync("/api/v1/admin/ldap/sync", null)));

        var request = new UpdateLdapSettingsRequest(true, _ldap.Url, Slapd.AdminDn, Slapd.AdminPassword, Slapd.BaseDn, null, null, null, null, null, null, 60);
        using var saved = await admin.Http.PutAsJsonAsync("/api/v1/admin/ldap", request);
        var body = await saved.Content.ReadAsStringAsync();
        Assert.True(saved.IsSuccessStatusCode, body);
        Assert.DoesNotContain(Slapd.AdminPassword, body, StringComparison.Ordinal);
        var state = await admin.Http.GetStringAsync("/api/v1/admin/ldap");
        Assert.DoesNotContain(Slapd.AdminPassword, state, StringComparison.Ordinal);
        var settings = await SettingsAsync(admin);
        Assert.Equal((true, "settings", 60, true), (settings.BindPasswordSet, settings.Source, settings.SyncIntervalMinutes, settings.Enabled));
        var changed = await admin.Http.GetStringAsync("/api/v1/audit?action=settings.changed");
        Assert.Contains("ldap.config", changed, StringComparison.Ordinal);
        Assert.DoesNotContain(Slapd.AdminPassword, changed, StringComparison.Ordinal);

        // In effect without a restart; saving again without a password keeps the stored one.
        Assert.Equal("张三", (await SignInAsync("zhangsan", "Zs-directory-pw1")).User.DisplayName);
        await admin.Ok<LdapSettingsDto>(admin.Http.PutAsJsonAsync("/api/v1/admin/ldap", request with { BindPassword = null, SyncIntervalMinutes = 0 }));
        Assert.True((await admin.Ok<LdapTestResultDto>(admin.Http.PostAsync("/api/v1/admin/ldap/test", null))).Ok);

        foreach (var bad in new[]
        {
            request with { Url = "ftp://x" }, request with { UserFilter = "(uid=zhangsan)" }, request with { SyncFilter = "uid=*" },
            request with { IdAttribute = "cn" }, request with { DepartmentSource = "groups" }, request with { SyncIntervalMinutes = -1 },
            request with { Attributes = new LdapAttributeMapDto("uid;x", "cn", null, null, null, null, null) }, request with { BaseDn = null },
        })
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await admin.StatusAsync(admin.Http.PutAsJsonAsync("/api/v1/admin/ldap", bad)));
    }

    [Fact]
    public async Task AdminEndpoints_RefuseAMember()
    {
        var member = await _server.UserAsync("member1");
        var request = new UpdateLdapSettingsRequest(true, "ldap://evil.example", null, null, "dc=x", null, null, null, null, null, null, 0);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.StatusAsync(member.Http.GetAsync("/api/v1/admin/ldap"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.StatusAsync(member.Http.PutAsJsonAsync("/api/v1/admin/ldap", request))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.StatusAsync(member.Http.PostAsJsonAsync("/api/v1/admin/ldap/test", request))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.StatusAsync(member.Http.PostAsync("/api/v1/admin/ldap/sync?dryRun=true", null))).Status);
        Assert.Null(await Users.FindByUsernameAsync("zhangsan"));
        var admin = await _server.AdminAsync();
        Assert.Equal(_ldap.Url, (await SettingsAsync(admin)).Url);
    }

    private static async Task<LdapSettingsDto> SettingsAsync(Session admin) => (await admin.Ok<LdapStateDto>(admin.Http.GetAsync("/api/v1/admin/ldap"))).Settings;

    private static UpdateLdapSettingsRequest Request(LdapSettingsDto s) => new(
        s.Enabled, s.Url, s.BindDn, null, s.BaseDn, s.UserFilter, s.SyncFilter, s.DisabledFilter, s.IdAttribute, s.DepartmentSource, s.Attributes,
        s.SyncIntervalMinutes, s.DeactivateMissing, s.TimeoutSeconds);
}
