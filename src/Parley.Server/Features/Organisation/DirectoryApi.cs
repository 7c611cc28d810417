using Parley.Contracts;
using Parley.Server.Features.Auth;
using Parley.Server.Platform;
using Parley.Server.Platform.Permissions;

namespace Parley.Server.Features.Organisation;

public static class DirectoryApi
{
    public static void MapDirectoryApi(this RouteGroupBuilder api)
    {
        var departments = api.MapGroup("/departments").WithTags("Directory");
        departments.MapGet("/", async (DirectoryService service) => new ListResponse<DepartmentDto>(await service.DepartmentsAsync()))
            .WithSummary("Every department (a flat list with parentId; the client builds the tree).");
        departments.MapPost("/", async (CreateDepartmentRequest request, HttpContext http, DirectoryService service) =>
            {
                var created = await service.CreateAsync(request, Actor.Of(http));
                return TypedResults.Created($"/api/v1/departments/{created.Id}", created);
            }).RequirePermission(Contracts.Permissions.UsersManage).WithSummary("Creates a department, at the top or under parentId (users.manage).");
        departments.MapPatch("/{id:long}", async (long id, UpdateDepartmentRequest request, HttpContext http, DirectoryService service) =>
                await service.UpdateAsync(id, request, Actor.Of(http)))
            .RequirePermission(Contracts.Permissions.UsersManage).WithSummary("Renames and/or moves a department (not under itself; users.manage).");
        departments.MapDelete("/{id:long}", async (long id, HttpContext http, DirectoryService service) =>
            {
                await service.DeleteAsync(id, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Contracts.Permissions.UsersManage).WithSummary("Deletes an empty department (409 department_not_empty otherwise; users.manage).");
        departments.MapGet("/{id:long}/members", async (long id, DirectoryService service) => new ListResponse<DirectoryEntryDto>(await service.MembersAsync(id)))
            .WithSummary("Active members of a department.");
        departments.MapPut("/{id:long}/members/{userId:long}", async (long id, long userId, HttpContext http, DirectoryService service) =>
            {
                await service.AddMemberAsync(id, userId, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Contracts.Permissions.UsersManage).WithSummary("Puts a user in a department (idempotent; users.manage).");
        departments.MapDelete("/{id:long}/members/{userId:long}", async (long id, long userId, HttpContext http, DirectoryService service) =>
            {
                await service.RemoveMemberAsync(id, userId, Actor.Of(http));
                return TypedResults.NoContent();
            }).RequirePermission(Contracts.Permissions.UsersManage).WithSummary("Takes a user out of a department (users.manage).");

        var directory = api.MapGroup("/directory").WithTags("Directory");
        directory.MapGet("/search", async (string? q, DirectoryService service) => new ListResponse<DirectoryEntryDto>(await service.SearchAsync(q)))
            .WithSummary("People by name, username, title, department, or pinyin (full, spaced or initials: zhangsan, zhang san, zs find 张三); at most 50.");
        directory.MapGet("/users/{id:long}", async (long id, DirectoryService service) => await service.ProfileAsync(id))
            .WithSummary("A person's profile card: title, phone, employee number, manager, departments.");

        api.MapPut("/users/me/profile", async (UpdateProfileRequest request, HttpContext http, DirectoryService service) =>
                await service.UpdateProfileAsync(CurrentUser.Id(http.User), request, Actor.Of(http)))
            .WithTags("Directory").WithSummary("Changes one's own display name, title and phone (employee number and manager need users.manage).");
        api.MapPut("/users/{id:long}/profile", async (long id, UpdateProfileRequest request, HttpContext http, DirectoryService service) =>
                await service.UpdateProfileAsync(id, request, Actor.Of(http)))
            .RequirePermission(Contracts.Permissions.UsersManage).WithTags("Directory").WithSummary("Changes a user's profile fields (users.manage).");
    }
}
