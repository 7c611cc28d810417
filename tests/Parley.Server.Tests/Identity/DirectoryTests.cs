using System.Net;
using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Identity;

/// <summary>The department tree, memberships, profiles, and directory search by name, department, title and pinyin.</summary>
public class DirectoryTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<DepartmentDto> Create(Session admin, string name, long? parent = null)
    {
        using var res = await admin.Http.PostAsJsonAsync("/api/v1/departments", new CreateDepartmentRequest(name, parent));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.Content.ReadFromJsonAsync<DepartmentDto>())!;
    }

    private async Task<Session> Person(Session admin, string username, string displayName)
    {
        await admin.Ok<UserDto>(admin.Http.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(username, TestServer.UserPassword, displayName)));
        using var anon = _server.Client();
        var login = await admin.Ok<LoginResponse>(anon.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(username, TestServer.UserPassword)));
        return new Session(_server, login.User, login.Token);
    }

    private static async Task<IReadOnlyList<DirectoryEntryDto>> Search(Session s, string q) =>
        (await s.Ok<ListResponse<DirectoryEntryDto>>(s.Http.GetAsync($"/api/v1/directory/search?q={Uri.EscapeDataString(q)}"))).Items;

    [Fact]
    public async Task Tree_Members_AndPinyinSearch()
    {
        var admin = await _server.AdminAsync();
        var company = await Create(admin, "总公司");
        var rd = await Create(admin, "研发部", company.Id);
        var backend = await Create(admin, "后端组", rd.Id);
        var zhang = await Person(admin, "zsan", "张三");
        var shan = await Person(admin, "sxx", "单雄信");
        var li = await Person(admin, "lisi", "李四");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsync($"/api/v1/departments/{backend.Id}/members/{zhang.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsync($"/api/v1/departments/{backend.Id}/members/{zhang.Id}", null)).StatusCode); // idempotent
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsync($"/api/v1/departments/{company.Id}/members/{zhang.Id}", null)).StatusCode);
        await admin.Ok<DirectoryProfileDto>(admin.Http.PutAsJsonAsync($"/api/v1/users/{li.Id}/profile", new UpdateProfileRequest(null, "架构师", null)));

        var tree = (await li.Ok<ListResponse<DepartmentDto>>(li.Http.GetAsync("/api/v1/departments"))).Items;
        Assert.Equal(backend.Id, tree.Single(d => d.Name == "后端组").Id);
        Assert.Equal(rd.Id, tree.Single(d => d.Name == "后端组").ParentId);
        Assert.Equal(1, tree.Single(d => d.Id == backend.Id).MemberCount);

        foreach (var q in new[] { "zs", "zhangsan", "zhang san", "ZhangSan", "张三", "张", "san", "zsan" })
            Assert.True((await Search(li, q)).Any(e => e.Id == zhang.Id), $"'{q}' should find 张三");
        var hit = (await Search(li, "zs"))[0];
        Assert.Equal((zhang.Id, "zsan", "张三"), (hit.Id, hit.Username, hit.DisplayName));
        Assert.Equal(["后端组", "总公司"], hit.Departments.Select(d => d.Name).Order());
        Assert.Contains(shan.Id, (await Search(li, "shanxiongxin")).Select(e => e.Id)); // 单 read as a surname
        Assert.Contains(shan.Id, (await Search(li, "sxx")).Select(e => e.Id));
        Assert.Contains(zhang.Id, (await Search(li, "后端")).Select(e => e.Id)); // by department
        Assert.Contains(zhang.Id, (await Search(li, "houduan")).Select(e => e.Id)); // department in pinyin
        var byTitle = await Search(li, "架构");
        Assert.Equal(("李四", "架构师"), (byTitle.Single().DisplayName, byTitle.Single().Title));
        Assert.DoesNotContain(li.Id, (await Search(li, "zs")).Select(e => e.Id));
        Assert.Empty(await Search(li, "%"));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await li.StatusAsync(li.Http.GetAsync("/api/v1/directory/search?q=" + new string('a', 65))));

        var members = (await li.Ok<ListResponse<DirectoryEntryDto>>(li.Http.GetAsync($"/api/v1/departments/{backend.Id}/members"))).Items;
        Assert.Equal([zhang.Id], members.Select(m => m.Id));
    }

    [Fact]
    public async Task Rename_Move_Delete_GuardTheTree()
    {
        var admin = await _server.AdminAsync();
        var a = await Create(admin, "A");
        var b = await Create(admin, "B", a.Id);
        var c = await Create(admin, "C", b.Id);
        var someone = await _server.UserAsync();
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PatchAsJsonAsync($"/api/v1/departments/{a.Id}", new UpdateDepartmentRequest(null, c.Id))));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PatchAsJsonAsync($"/api/v1/departments/{a.Id}", new UpdateDepartmentRequest(null, a.Id))));
        var moved = await admin.Ok<DepartmentDto>(admin.Http.PatchAsJsonAsync($"/api/v1/departments/{c.Id}", new UpdateDepartmentRequest("市场部", a.Id)));
        Assert.Equal(("市场部", (long?)a.Id), (moved.Name, moved.ParentId));
        var top = await admin.Ok<DepartmentDto>(admin.Http.PatchAsJsonAsync($"/api/v1/departments/{c.Id}", new UpdateDepartmentRequest(null, null, true)));
        Assert.Null(top.ParentId);
        Assert.Contains(someone.Id, (await Search(someone, someone.User.Username)).Select(e => e.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsync($"/api/v1/departments/{b.Id}/members/{someone.Id}", null)).StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.DepartmentNotEmpty), await admin.StatusAsync(admin.Http.DeleteAsync($"/api/v1/departments/{a.Id}")));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.DepartmentNotEmpty), await admin.StatusAsync(admin.Http.DeleteAsync($"/api/v1/departments/{b.Id}")));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/departments/{b.Id}/members/{someone.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/departments/{b.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/departments/{a.Id}")).StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await admin.StatusAsync(admin.Http.PutAsync($"/api/v1/departments/{a.Id}/members/{someone.Id}", null)));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PostAsJsonAsync("/api/v1/departments", new CreateDepartmentRequest(" ", null))));
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden),
            await someone.StatusAsync(someone.Http.PostAsJsonAsync("/api/v1/departments", new CreateDepartmentRequest("Mine", null))));
        var actions = (await admin.Ok<AuditPage>(admin.Http.GetAsync("/api/v1/audit?action=department.*&limit=200"))).Items.Select(e => e.Action).ToHashSet();
        Assert.Equal(["department.changed", "department.created", "department.deleted", "department.member_added", "department.member_removed"], actions.Order());
    }

    [Fact]
    public async Task Profile_SelfEditsOwnFields_AdministratorSetsManager_NoCircles()
    {
        var admin = await _server.AdminAsync();
        var boss = await _server.UserAsync("boss");
        var worker = await _server.UserAsync("worker");
        var own = await worker.Ok<DirectoryProfileDto>(worker.Http.PutAsJsonAsync("/api/v1/users/me/profile", new UpdateProfileRequest("王五", "工程师", "+86 10 1234")));
        Assert.Equal(("王五", "工程师", "+86 10 1234"), (own.DisplayName, own.Title, own.Phone));
        Assert.Contains(worker.Id, (await Search(boss, "ww")).Select(e => e.Id)); // the new name's pinyin
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden),
            await worker.StatusAsync(worker.Http.PutAsJsonAsync("/api/v1/users/me/profile", new UpdateProfileRequest(null, null, null, ManagerId: worker.Id))));
        var set = await admin.Ok<DirectoryProfileDto>(admin.Http.PutAsJsonAsync($"/api/v1/users/{worker.Id}/profile", new UpdateProfileRequest(null, null, null, "E-1001", boss.Id)));
        Assert.Equal(("E-1001", boss.Id), (set.EmployeeNumber, set.Manager!.Id));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await admin.StatusAsync(admin.Http.PutAsJsonAsync($"/api/v1/users/{boss.Id}/profile", new UpdateProfileRequest(null, null, null, null, worker.Id))));
        var card = await boss.Ok<DirectoryProfileDto>(boss.Http.GetAsync($"/api/v1/directory/users/{worker.Id}"));
        Assert.Equal(("工程师", "boss"), (card.Title, card.Manager!.Username));
        var cleared = await admin.Ok<DirectoryProfileDto>(admin.Http.PutAsJsonAsync($"/api/v1/users/{worker.Id}/profile", new UpdateProfileRequest(null, "", null, ClearManager: true)));
        Assert.Equal((null, null), (cleared.Title, cleared.Manager));
    }
}
