using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Contracts;
using Parley.Server.Features.Organisation;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Storage;

namespace Parley.Server.Features.Scim;

/// <summary>
/// SCIM Groups are Parley departments (Features/Organisation): displayName is the department's name, members its
/// members. Groups SCIM creates are top-level departments; the tree is arranged in Parley. Every change goes through
/// <see cref="DirectoryService"/>, so it is checked and audited (department.*) like one made in the console.
/// </summary>
public sealed class ScimGroups(ScimStore store, WriteQueue writer, DirectoryService directory, UserStore users)
{
    public async Task<JsonObject> ListAsync(ScimFilter? filter, int startIndex, int count, bool withMembers, string baseUrl)
    {
        var (rows, total, members) = await store.ListGroupsAsync(filter, startIndex - 1, count, withMembers);
        return ScimJson.List(rows.Select(g => Render(g, withMembers ? members[g.Id] : null, baseUrl).Resource), total, startIndex);
    }

    public async Task<(JsonObject Resource, string Version)> GetAsync(long id, bool withMembers, string baseUrl) =>
        await store.FindGroupAsync(id) is { } found ? Render(found.Group, withMembers ? found.Members : null, baseUrl) : throw ScimException.NotFound("The group");

    private static (JsonObject Resource, string Version) Render(ScimStore.GroupRow g, IEnumerable<ScimStore.Member>? members, string baseUrl)
    {
        var o = new JsonObject { ["schemas"] = new JsonArray(ScimJson.GroupSchema), ["id"] = g.Id.ToString(CultureInfo.InvariantCulture) };
        if (g.ExternalId is not null) o["externalId"] = g.ExternalId;
        o["displayName"] = g.Name;
        if (members is not null)
            o["members"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject
            {
                ["value"] = m.UserId.ToString(CultureInfo.InvariantCulture), ["display"] = m.DisplayName, ["$ref"] = $"{baseUrl}/Users/{m.UserId}", ["type"] = "User",
            })]);
        var version = ScimJson.AddMeta(o, "Group", g.CreatedAt, g.UpdatedAt ?? g.CreatedAt, $"{baseUrl}/Groups/{g.Id}");
        return (o, version);
    }

    public async Task<(JsonObject Resource, string Version)> CreateAsync(JsonObject body, Actor actor, string baseUrl)
    {
        var (name, externalId, members) = Read(body);
        if (externalId is not null && (await store.ListGroupsAsync(new ScimFilter("externalId", externalId), 0, 0, false)).Total > 0)
            throw ScimException.Uniqueness($"A group with externalId '{externalId}' exists.");
        var wanted = await ExistingUsersAsync(members);
        var department = await directory.CreateAsync(new CreateDepartmentRequest(name, null), actor);
        await writer.ExecuteAsync(w => { ScimStore.SaveGroup(w, department.Id, externalId); return 0; });
        foreach (var user in wanted) await directory.AddMemberAsync(department.Id, user, actor);
        return await GetAsync(department.Id, true, baseUrl);
    }

    public async Task<(JsonObject Resource, string Version)> UpdateAsync(long id, Func<JsonObject, JsonObject> next, string? ifMatch, Actor actor, string baseUrl)
    {
        var found = await store.FindGroupAsync(id) ?? throw ScimException.NotFound("The group");
        var (current, version) = Render(found.Group, found.Members, baseUrl);
        ScimVersions.Check(ifMatch, version);
        var (name, externalId, members) = Read(next(ScimJson.CaseInsensitive(current)));
        var wanted = await ExistingUsersAsync(members);
        if (externalId is not null && externalId != found.Group.ExternalId
            && (await store.ListGroupsAsync(new ScimFilter("externalId", externalId), 0, 0, false)).Total > 0)
            throw ScimException.Uniqueness($"Another group has externalId '{externalId}'.");
        if (name != found.Group.Name) await directory.UpdateAsync(id, new UpdateDepartmentRequest(name, null), actor);
        await writer.ExecuteAsync(w => { ScimStore.SaveGroup(w, id, externalId); return 0; });
        var had = found.Members.Select(m => m.UserId).ToHashSet();
        foreach (var user in wanted.Where(u => !had.Contains(u))) await directory.AddMemberAsync(id, user, actor);
        foreach (var user in had.Where(u => !wanted.Contains(u))) await directory.RemoveMemberAsync(id, user, actor);
        return await GetAsync(id, true, baseUrl);
    }

    /// <summary>DELETE empties the department and removes it (409 while it has sub-departments, which SCIM does not manage).</summary>
    public async Task DeleteAsync(long id, string? ifMatch, Actor actor, string baseUrl)
    {
        var found = await store.FindGroupAsync(id) ?? throw ScimException.NotFound("The group");
        ScimVersions.Check(ifMatch, Render(found.Group, found.Members, baseUrl).Version);
        foreach (var member in found.Members) await directory.RemoveMemberAsync(id, member.UserId, actor);
        await directory.DeleteAsync(id, actor);
        await writer.ExecuteAsync(w => { ScimStore.ForgetGroup(w, id); return 0; });
    }

    private static (string Name, string? ExternalId, IReadOnlyList<string> Members) Read(JsonObject o)
    {
        if (o["displayName"]?.GetValueKind() != JsonValueKind.String || o["displayName"]!.GetValue<string>().Trim() is not { Length: > 0 } name)
            throw ScimException.Invalid("displayName is required.");
        var externalId = o["externalId"]?.GetValueKind() == JsonValueKind.String ? o["externalId"]!.GetValue<string>().Trim() : null;
        if (externalId is { Length: > 256 }) throw ScimException.Invalid("externalId is at most 256 characters.");
        var members = o["members"] switch
        {
            null => [],
            JsonArray a => a.Select(m => (m as JsonObject)?["value"]?.ToString() ?? throw ScimException.Invalid("Each member needs a value (a user id).")).ToList(),
            _ => throw ScimException.Invalid("members must be an array."),
        };
        if (members.Count > 10_000) throw ScimException.Invalid("At most 10,000 members per request.");
        return (name, string.IsNullOrEmpty(externalId) ? null : externalId, members);
    }

    /// <summary>Member values are user ids; one that names no user is 400 invalidValue (nothing is changed).</summary>
    private async Task<HashSet<long>> ExistingUsersAsync(IReadOnlyList<string> values)
    {
        var ids = new HashSet<long>();
        foreach (var v in values)
            ids.Add(long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw ScimException.Invalid($"Member '{v}' is not a user id."));
        var existing = await users.ExistingAsync(ids);
        if (ids.FirstOrDefault(i => !existing.Contains(i)) is var missing and not 0) throw ScimException.Invalid($"There is no user {missing}.");
        return ids;
    }
}
