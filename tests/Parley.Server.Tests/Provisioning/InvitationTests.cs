using System.Net;
using System.Net.Http.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Provisioning;

/// <summary>Invitations by link: accepted once with the chosen roles and departments, and every dead link answers the same 404.</summary>
public class InvitationTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string Password = "Rk8-lantern-Pz3-meadow";

    private static async Task<string?> CodeOf(HttpResponseMessage res) =>
        res.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? System.Text.Json.JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString() : null;

    [Fact]
    public async Task Accept_CreatesAccountWithRolesAndDepartments_SignsIn_AndIsSingleUse()
    {
        var admin = await _server.AdminAsync();
        var department = await admin.Ok<DepartmentDto>(admin.Http.PostAsJsonAsync("/api/v1/departments", new CreateDepartmentRequest("研发部", null)));
        var created = await admin.Ok<CreatedInvitationDto>(admin.Http.PostAsJsonAsync("/api/v1/admin/invitations",
            new CreateInvitationRequest("li.lei@example.com", "李雷", [Roles.Auditor], [department.Id], 24)));
        Assert.Equal("/invite/" + created.Token, created.Path);
        Assert.Equal(InvitationStatus.Active, created.Invitation.Status);

        using var anon = _server.Client();
        var preview = await admin.Ok<InvitationPreviewDto>(anon.GetAsync($"/api/v1/invitations/{created.Token}"));
        Assert.Equal(("li.lei@example.com", "李雷"), (preview.Email, preview.DisplayName));

        // The password policy applies, and a refused form does not use the link up.
        var weak = await anon.PostAsJsonAsync($"/api/v1/invitations/{created.Token}/accept", new AcceptInvitationRequest("lilei", null, "password1"));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.WeakPassword), (weak.StatusCode, await CodeOf(weak)));
        var taken = await anon.PostAsJsonAsync($"/api/v1/invitations/{created.Token}/accept", new AcceptInvitationRequest("admin", null, Password));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);

        var res = await anon.PostAsJsonAsync($"/api/v1/invitations/{created.Token}/accept", new AcceptInvitationRequest("lilei", null, Password));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var login = (await res.Content.ReadFromJsonAsync<LoginResponse>(Json.Options))!;
        Assert.Equal(("lilei", "李雷"), (login.User.Username, login.User.DisplayName));
        Assert.Equal([Roles.Auditor], login.User.Roles);
        using var lilei = _server.Client(login.Token);
        Assert.Equal(HttpStatusCode.OK, (await lilei.GetAsync("/api/v1/audit")).StatusCode); // the auditor role works at once
        var members = await admin.Ok<ListResponse<DirectoryEntryDto>>(admin.Http.GetAsync($"/api/v1/departments/{department.Id}/members"));
        Assert.Equal([login.User.Id], members.Items.Select(m => m.Id));

        // Used: the same link, and the same 404 as a link that never existed.
        var again = await anon.PostAsJsonAsync($"/api/v1/invitations/{created.Token}/accept", new AcceptInvitationRequest("lilei2", null, Password));
        var unknown = await anon.PostAsJsonAsync("/api/v1/invitations/pli_nothing-like-this/accept", new AcceptInvitationRequest("x1", null, Password));
        var garbage = await anon.GetAsync("/api/v1/invitations/%27%20OR%201=1");
        foreach (var r in new[] { again, unknown, garbage })
            Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.InvitationNotFound), (r.StatusCode, await CodeOf(r)));

        var list = await admin.Ok<ListResponse<InvitationDto>>(admin.Http.GetAsync("/api/v1/admin/invitations"));
        Assert.Equal((InvitationStatus.Used, 1), (list.Items.Single().Status, list.Items.Single().AcceptedCount));
        var audit = await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?limit=100"));
        Assert.Contains(audit.Items, e => e.Action == "user.invited" && e.ActorId == admin.Id && e.TargetType == "invitation");
        Assert.Contains(audit.Items, e => e.Action == "invite.accepted" && e.TargetId == login.User.Id);
    }

    [Fact]
    public async Task ExpiredAndRevokedLinks_AreRefusedLikeUnknownOnes_AndCreationIsGuarded()
    {
        var admin = await _server.AdminAsync();
        var expired = await admin.Ok<CreatedInvitationDto>(admin.Http.PostAsJsonAsync("/api/v1/admin/invitations", new CreateInvitationRequest()));
        var revoked = await admin.Ok<CreatedInvitationDto>(admin.Http.PostAsJsonAsync("/api/v1/admin/invitations", new CreateInvitationRequest(SingleUse: false)));
        await using (var c = await _server.Database.OpenDirectAsync())
            await c.ExecuteAsync("UPDATE invitations SET expires_at = 1 WHERE id = @id", new { id = expired.Invitation.Id });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/admin/invitations/{revoked.Invitation.Id}")).StatusCode);

        using var anon = _server.Client();
        foreach (var token in new[] { expired.Token, revoked.Token })
        {
            var r = await anon.PostAsJsonAsync($"/api/v1/invitations/{token}/accept", new AcceptInvitationRequest("late" + token[^4..].ToLowerInvariant().Replace('-', 'x').Replace('_', 'y'), null, Password));
            Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.InvitationNotFound), (r.StatusCode, await CodeOf(r)));
            Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/invitations/{token}")).StatusCode);
        }
        var statuses = (await admin.Ok<ListResponse<InvitationDto>>(admin.Http.GetAsync("/api/v1/admin/invitations"))).Items.ToDictionary(i => i.Id, i => i.Status);
        Assert.Equal((InvitationStatus.Expired, InvitationStatus.Revoked), (statuses[expired.Invitation.Id], statuses[revoked.Invitation.Id]));

        // A user administrator may invite, but granting a role through a link needs roles.manage like any grant.
        var userAdmin = await _server.UserAsync(null, Roles.UserAdmin);
        Assert.Equal(HttpStatusCode.Created, (await userAdmin.Http.PostAsJsonAsync("/api/v1/admin/invitations", new CreateInvitationRequest())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await userAdmin.Http.PostAsJsonAsync("/api/v1/admin/invitations", new CreateInvitationRequest(Roles: [Roles.SystemAdmin]))).StatusCode);
        var member = await _server.UserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.PostAsJsonAsync("/api/v1/admin/invitations", new CreateInvitationRequest())).StatusCode);
        var bad = await admin.Http.PostAsJsonAsync("/api/v1/admin/invitations", new CreateInvitationRequest(ExpiresInHours: 0));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), (bad.StatusCode, await CodeOf(bad)));
    }
}
