using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Text.Json;
using Dapper;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Organisation;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.Jobs;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Ldap;

/// <summary>
/// Brings the directory's accounts and departments into Parley. A run reads the directory and Parley's LDAP accounts,
/// makes a plan (create, update, deactivate, departments to create) and, unless it is a dry run, carries it out: each
/// account in its own write with its system events, deactivations through <see cref="UserService.UpdateAsync"/> (which
/// ends the sessions and hub connections on every node), and one <c>ldap.sync</c> event holding the report. The job lease
/// keeps runs on one node at a time, scheduled or asked for.
/// </summary>
public sealed class LdapSync(
    LdapSettings settings, LdapStore store, UserService users, WriteQueue writer, SessionCache cache, JobLease lease, Database database,
    ILogger<LdapSync> log)
{
    public const string JobName = "ldap-sync";
    private const int MaxListed = 500;
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(30);

    private sealed record Create(LdapEntry Entry, string Username);
    private sealed record Update(LdapEntry Entry, LdapStore.Account Account, List<string> Changes);
    private sealed record Plan(
        List<Create> Creates, List<Update> Updates, List<LdapStore.Account> Deactivations, List<IReadOnlyList<string>> NewDepartments,
        List<LdapSyncEntryDto> Skipped, int Seen);

    public async Task<LdapSyncReportDto> RunAsync(bool dryRun, string trigger, Actor actor, CancellationToken cancellationToken = default)
    {
        var o = await settings.CurrentAsync();
        if (!o.Configured) throw new ParleyException(409, ErrorCodes.LdapNotConfigured, "LDAP is off or has no URL or base DN: save the settings first.");
        if (dryRun) return await RunLockedAsync(o, true, trigger, actor, cancellationToken);
        if (!await lease.TryAcquireAsync(JobName, LeaseTime))
            throw ParleyException.Conflict("A directory sync is running already (on this or another node); try again when it has finished.");
        try
        {
            return await RunLockedAsync(o, false, trigger, actor, cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync(JobName);
        }
    }

    private async Task<LdapSyncReportDto> RunLockedAsync(LdapOptions o, bool dryRun, string trigger, Actor actor, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var entries = await ReadDirectoryAsync(o, cancellationToken);
        var plan = MakePlan(o, entries, await store.SnapshotAsync());
        var disabled = entries.Where(e => e.Disabled).Select(e => e.ExternalId).ToHashSet(StringComparer.Ordinal);
        var created = new List<LdapSyncEntryDto>();
        var updated = new List<LdapSyncEntryDto>();
        var deactivated = new List<LdapSyncEntryDto>();
        if (dryRun)
        {
            created.AddRange(plan.Creates.Select(c => new LdapSyncEntryDto(c.Username, c.Entry.DisplayName, c.Entry.Dn)));
            updated.AddRange(plan.Updates.Select(u => new LdapSyncEntryDto(u.Account.Username, u.Entry.DisplayName, u.Entry.Dn, u.Changes)));
            deactivated.AddRange(plan.Deactivations.Select(a => new LdapSyncEntryDto(a.Username, a.DisplayName, null, null, ReasonGone(a, disabled))));
        }
        else
        {
            var departments = await CreateDepartmentsAsync(plan.NewDepartments, actor);
            foreach (var c in plan.Creates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await CreateAsync(o, c.Entry, c.Username, actor, departments);
                    created.Add(new LdapSyncEntryDto(c.Username, c.Entry.DisplayName, c.Entry.Dn));
                }
                catch (ParleyException ex)
                {
                    plan.Skipped.Add(new LdapSyncEntryDto(c.Username, c.Entry.DisplayName, c.Entry.Dn, null, ex.Message));
                }
            }
            foreach (var u in plan.Updates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await UpdateAsync(o, u, actor, departments);
                    updated.Add(new LdapSyncEntryDto(u.Account.Username, u.Entry.DisplayName, u.Entry.Dn, u.Changes));
                }
                catch (ParleyException ex)
                {
                    plan.Skipped.Add(new LdapSyncEntryDto(u.Account.Username, u.Entry.DisplayName, u.Entry.Dn, null, ex.Message));
                }
            }
            foreach (var a in plan.Deactivations)
            {
                try
                {
                    // The same path as an administrator's deactivation: sessions revoked in the write, hub connections closed here and on every node.
                    await users.UpdateAsync(a.Id, new UpdateUserRequest(null, false, null), actor);
                    deactivated.Add(new LdapSyncEntryDto(a.Username, a.DisplayName, null, null, ReasonGone(a, disabled)));
                }
                catch (ParleyException ex)
                {
                    plan.Skipped.Add(new LdapSyncEntryDto(a.Username, a.DisplayName, null, null, ex.Message));
                }
            }
        }
        var report = new LdapSyncReportDto(DateTimeOffset.UtcNow, dryRun, trigger, plan.Seen, created.Count, updated.Count, deactivated.Count,
            created.Take(MaxListed).ToList(), updated.Take(MaxListed).ToList(), deactivated.Take(MaxListed).ToList(),
            plan.NewDepartments.Select(p => string.Join(" / ", p)).Take(MaxListed).ToList(), plan.Skipped.Take(MaxListed).ToList(), watch.Elapsed.TotalMilliseconds);
        if (!dryRun)
        {
            await writer.ExecuteAsync(w => SystemLog.Append(w, actor, SystemEventTypes.LdapSync, null, report));
            log.LogInformation("LDAP sync ({Trigger}): {Seen} seen, {Created} created, {Updated} updated, {Deactivated} deactivated, {Skipped} skipped",
                trigger, plan.Seen, created.Count, updated.Count, deactivated.Count, plan.Skipped.Count);
        }
        return report;
    }

    private static string ReasonGone(LdapStore.Account a, IReadOnlySet<string> disabled) =>
        a.ExternalId is { } id && disabled.Contains(id) ? "disabled in the directory" : "no longer in the directory";

    /// <summary>The report of the last real run, from the system stream.</summary>
    public async Task<LdapSyncReportDto?> LastReportAsync()
    {
        await using var c = await database.OpenAsync();
        var json = await c.QueryFirstOrDefaultAsync<string>(
            "SELECT data FROM system_events WHERE type = @type ORDER BY id DESC LIMIT 1", new { type = SystemEventTypes.LdapSync });
        return json is null ? null : JsonSerializer.Deserialize<LdapSyncReportDto>(json, JsonDefaults.Options);
    }

    private static async Task<IReadOnlyList<LdapEntry>> ReadDirectoryAsync(LdapOptions o, CancellationToken cancellationToken) =>
        await LdapDirectory.RunAsync(o, () =>
        {
            using var c = LdapDirectory.Connect(o);
            LdapDirectory.RequireBase(c, o);
            var filter = o.EffectiveSyncFilter;
            var disabled = string.IsNullOrWhiteSpace(o.DisabledFilter) ? []
                : LdapDirectory.Search(c, o, $"(&{filter}{o.DisabledFilter})", ["1.1"]).Select(e => e.DistinguishedName).ToList();
            return LdapDirectory.Search(c, o, filter, LdapDirectory.AttributesOf(o)).Select(e => LdapDirectory.ToEntry(e, o, disabled)).ToList();
        }, cancellationToken);

    private static Plan MakePlan(LdapOptions o, IReadOnlyList<LdapEntry> entries, LdapStore.Snapshot local)
    {
        var plan = new Plan([], [], [], [], [], entries.Count);
        var byExternal = local.Accounts.Where(a => a.ExternalId is not null).GroupBy(a => a.ExternalId!).ToDictionary(g => g.Key, g => g.First());
        var byUsername = local.Accounts.ToDictionary(a => a.Username.ToLowerInvariant());
        var entryIds = entries.Select(e => e.ExternalId).ToHashSet(StringComparer.Ordinal);
        var seenIds = new HashSet<long>();
        var newPaths = new HashSet<string>(StringComparer.Ordinal);
        var usernames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entries)
        {
            var username = e.Username?.Trim() ?? "";
            if (e.ExternalId.Length == 0) { plan.Skipped.Add(new(username, e.DisplayName, e.Dn, null, $"no {o.IdAttribute} attribute")); continue; }
            if (!ValidUsername(username)) { plan.Skipped.Add(new(username, e.DisplayName, e.Dn, null, "the username is not 1–64 letters, digits, '.', '_' or '-'")); continue; }
            if (!usernames.Add(username)) { plan.Skipped.Add(new(username, e.DisplayName, e.Dn, null, "another directory account has the same username")); continue; }
            var account = byExternal.GetValueOrDefault(e.ExternalId)
                // The id changed (a DN after a move, a re-created entry): the LDAP account of that username is relinked.
                ?? (byUsername.TryGetValue(username.ToLowerInvariant(), out var same) && (same.ExternalId is null || !entryIds.Contains(same.ExternalId)) ? same : null);
            if (account is not null) seenIds.Add(account.Id);
            if (e.Disabled) continue; // deactivated below if it exists, never created
            var department = e.Department.Select(DepartmentName).Where(n => n.Length > 0).ToList();
            if (department.Count > 0 && local.Tree.Find(department) is null)
            {
                for (var i = 1; i <= department.Count; i++)
                    if (local.Tree.Find(department[..i]) is null && newPaths.Add(string.Join("\u001f", department[..i]))) plan.NewDepartments.Add(department[..i]);
            }
            if (account is null)
            {
                if (local.SourceByUsername.TryGetValue(username.ToLowerInvariant(), out var source))
                    plan.Skipped.Add(new(username, e.DisplayName, e.Dn, null, $"the username belongs to a {source} account in Parley"));
                else plan.Creates.Add(new Create(e, username));
                continue;
            }
            if (!account.IsActive) continue; // deactivated in Parley: an administrator reactivates it
            var changes = Changes(o, e, account, local, department);
            if (changes.Count > 0) plan.Updates.Add(new Update(e, account, changes));
        }
        var disabledIds = entries.Where(e => e.Disabled).Select(e => e.ExternalId).ToHashSet();
        foreach (var a in local.Accounts.Where(a => a.IsActive))
        {
            var gone = !seenIds.Contains(a.Id);
            if ((gone && o.DeactivateMissing && entries.Count > 0) || (a.ExternalId is { } id && disabledIds.Contains(id)))
                plan.Deactivations.Add(a);
        }
        if (entries.Count == 0 && o.DeactivateMissing && local.Accounts.Any(a => a.IsActive))
            plan.Skipped.Add(new("", null, null, null, "the sync filter found nobody: no account was deactivated (check the base DN and filter)"));
        return plan;
    }

    private static List<string> Changes(LdapOptions o, LdapEntry e, LdapStore.Account a, LdapStore.Snapshot local, IReadOnlyList<string> department)
    {
        var changes = new List<string>();
        if (a.ExternalId != e.ExternalId) changes.Add("externalId");
        if (Name(e, a.Username) != a.DisplayName) changes.Add("displayName");
        if (o.Attributes.Email is not null && Field(e.Email, 254) != a.Email) changes.Add("email");
        if (o.Attributes.Title is not null && Field(e.Title, 100) != a.Title) changes.Add("title");
        if (o.Attributes.Phone is not null && Field(e.Phone, 40) != a.Phone) changes.Add("phone");
        if (o.Attributes.EmployeeNumber is not null && Field(e.EmployeeNumber, 40) != a.EmployeeNumber) changes.Add("employeeNumber");
        if (o.DepartmentSource != LdapDepartmentSources.None)
        {
            var target = department.Count == 0 ? null : local.Tree.Find(department);
            var current = local.Departments[a.Id].ToList();
            if (target is null ? current.Count > 0 || department.Count > 0 : current.Count != 1 || current[0] != target) changes.Add("department");
        }
        return changes;
    }

    private static bool ValidUsername(string u) => u.Length is > 0 and <= 64 && u.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string DepartmentName(string n)
    {
        var clean = new string(n.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length > 100 ? clean[..100] : clean;
    }

    private static string Name(LdapEntry e, string username) =>
        Field(e.DisplayName, 100) is { } n ? new string(n.Where(c => !char.IsControl(c)).ToArray()) : username;

    private static string? Field(string? value, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        v = new string(v.Where(c => !char.IsControl(c)).ToArray());
        return v.Length > max ? v[..max] : v;
    }

    /// <summary>Creates the departments the directory names and Parley lacks; returns the tree afterwards.</summary>
    private async Task<DepartmentTree> CreateDepartmentsAsync(IReadOnlyList<IReadOnlyList<string>> paths, Actor actor)
    {
        if (paths.Count > 0)
            await writer.ExecuteAsync(w =>
            {
                foreach (var path in paths.OrderBy(p => p.Count))
                {
                    if (LdapStore.FindPath(w, path) is not null) continue;
                    var parent = path.Count == 1 ? null : LdapStore.FindPath(w, path.Take(path.Count - 1).ToList());
                    var id = DepartmentStore.Insert(w, path[^1], parent);
                    SystemLog.Append(w, actor, SystemEventTypes.DepartmentCreated, id, new { name = path[^1], parentId = parent, source = LdapStore.AuthSource });
                }
                return 0;
            });
        return (await store.SnapshotAsync()).Tree;
    }

    /// <summary>Creates the Parley account of a directory entry (also used by sign-in, for an account the sync has not brought in yet).</summary>
    public async Task<UserRecord> CreateAsync(LdapOptions o, LdapEntry e, string username, Actor actor, DepartmentTree? tree = null)
    {
        var name = await users.CleanDisplayNameAsync(Name(e, username), username, actor);
        var department = e.Department.Select(DepartmentName).Where(n => n.Length > 0).ToList();
        if (tree is null && department.Count > 0) tree = await CreateDepartmentsAsync(Enumerable.Range(1, department.Count).Select(i => (IReadOnlyList<string>)department[..i]).ToList(), actor);
        var departmentId = department.Count == 0 ? null : tree?.Find(department);
        return await writer.ExecuteAsync(w =>
        {
            if (UserStore.UsernameTaken(w, username)) throw ParleyException.Conflict($"The username '{username}' is taken.");
            var user = UserStore.Insert(w, username, name, null, LdapStore.AuthSource, e.ExternalId);
            WriteProfile(w, o, user.Id, e);
            if (departmentId is { } d && o.DepartmentSource != LdapDepartmentSources.None) DepartmentStore.AddMember(w, d, user.Id);
            SystemLog.Append(w, actor, SystemEventTypes.UserCreated, user.Id, new { username, source = LdapStore.AuthSource, dn = e.Dn, departmentId });
            return UserStore.Get(w, user.Id)!;
        });
    }

    private static void WriteProfile(WriteContext w, LdapOptions o, long userId, LdapEntry e)
    {
        // '' clears a field in SetProfile; null leaves one alone (a field that is not mapped).
        DirectoryStore.SetProfile(w, userId,
            o.Attributes.Title is null ? null : Field(e.Title, 100) ?? "",
            o.Attributes.Phone is null ? null : Field(e.Phone, 40) ?? "",
            o.Attributes.EmployeeNumber is null ? null : Field(e.EmployeeNumber, 40) ?? "", null, false);
        if (o.Attributes.Email is not null) LdapStore.SetEmail(w, userId, Field(e.Email, 254));
    }

    private async Task UpdateAsync(LdapOptions o, Update u, Actor actor, DepartmentTree tree)
    {
        var a = u.Account;
        var name = u.Changes.Contains("displayName") ? await users.CleanDisplayNameAsync(Name(u.Entry, a.Username), a.Username, actor) : null;
        var department = u.Entry.Department.Select(DepartmentName).Where(n => n.Length > 0).ToList();
        var target = department.Count == 0 ? null : tree.Find(department);
        await writer.ExecuteAsync(w =>
        {
            if (u.Changes.Contains("externalId")) LdapStore.SetExternalId(w, a.Id, u.Entry.ExternalId);
            if (name is not null && name != a.DisplayName)
            {
                UserStore.Update(w, a.Id, name, null);
                SystemLog.Append(w, actor, SystemEventTypes.UserRenamed, a.Id, new { from = a.DisplayName, to = name, source = LdapStore.AuthSource });
            }
            WriteProfile(w, o, a.Id, u.Entry);
            if (u.Changes.Contains("department"))
            {
                foreach (var d in LdapStore.DepartmentsOf(w, a.Id).Where(d => d != target))
                {
                    DepartmentStore.RemoveMember(w, d, a.Id);
                    SystemLog.Append(w, actor, SystemEventTypes.DepartmentMemberRemoved, d, new { userId = a.Id, source = LdapStore.AuthSource });
                }
                if (target is { } t && DepartmentStore.AddMember(w, t, a.Id))
                    SystemLog.Append(w, actor, SystemEventTypes.DepartmentMemberAdded, t, new { userId = a.Id, source = LdapStore.AuthSource });
            }
            return SystemLog.Append(w, actor, SystemEventTypes.UserProfileChanged, a.Id, new { changes = u.Changes, source = LdapStore.AuthSource });
        });
        cache.EvictUser(a.Id, ended: false);
    }

    /// <summary>Finds the directory entry of a typed username (escaped into the filter) with a connection bound as the service account.</summary>
    public static SearchResultEntry? FindEntry(LdapConnection c, LdapOptions o, string username)
    {
        var found = LdapDirectory.Search(c, o, LdapFilter.For(o.UserFilter, username), LdapDirectory.AttributesOf(o), 2);
        return found.Count == 1 ? found[0] : null; // none, or ambiguous: nobody signs in as two accounts
    }
}
