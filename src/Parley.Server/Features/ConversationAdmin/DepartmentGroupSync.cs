using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Organisation;
using Parley.Server.Platform.Subscribers;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.ConversationAdmin;

/// <summary>
/// Durable subscriber of the system stream: a department group's membership follows its department. Department events
/// (a member added or removed, a department moved or deleted) name what changed; each group whose department covers
/// it is then brought in line with the department as it is now — people of the department (and of its sub-departments
/// when the link says so) are members, other plain members leave; the group's owners and admins stay. Because it
/// reconciles state rather than replaying changes, handling a batch twice changes nothing the second time.
/// </summary>
public sealed class DepartmentGroupSync(WriteQueue writer, IOptions<ConversationsOptions> options, ILogger<DepartmentGroupSync> log) : IEventSubscriber
{
    public string Name => "department-groups";
    public string Stream => EventStreams.System;

    public async Task HandleAsync(IReadOnlyList<LoggedEvent> batch, CancellationToken cancellationToken)
    {
        var touched = new HashSet<long>();
        var deleted = new HashSet<long>();
        var moved = false;
        foreach (var e in batch)
        {
            if (e.TargetId is not { } department) continue;
            switch (e.Type)
            {
                case SystemEventTypes.DepartmentMemberAdded or SystemEventTypes.DepartmentMemberRemoved: touched.Add(department); break;
                case SystemEventTypes.DepartmentChanged: moved |= ParentChanged(e.Data); break;
                case SystemEventTypes.DepartmentDeleted: deleted.Add(department); break;
            }
        }
        if (touched.Count == 0 && deleted.Count == 0 && !moved) return;
        await writer.ExecuteAsync(w =>
        {
            foreach (var d in deleted) ConversationAdminStore.UnlinkDepartment(w, d);
            var links = ConversationAdminStore.Links(w);
            if (links.Count == 0) return 0;
            // A department's change reaches the groups linked to it, and those linked to an ancestor with sub-departments.
            var reach = new List<(long Department, bool Self)>();
            foreach (var d in touched)
            {
                var chain = DepartmentStore.Ancestry(w, d);
                reach.AddRange(chain.Select((a, i) => (a, i == 0)));
            }
            foreach (var link in links)
            {
                var affected = (moved && link.IncludeSub) || reach.Any(r => r.Department == link.DepartmentId && (r.Self || link.IncludeSub));
                if (affected) Reconcile(w, link, options.Value.MaxMembers, log);
            }
            return 0;
        });
    }

    private static bool ParentChanged(string? data)
    {
        if (data is null) return true;
        using var doc = JsonDocument.Parse(data);
        var root = doc.RootElement;
        return !(root.TryGetProperty("from", out var from) && root.TryGetProperty("to", out var to)
            && Parent(from) == Parent(to));
    }

    private static long? Parent(JsonElement e) =>
        e.TryGetProperty("parentId", out var p) || e.TryGetProperty("ParentId", out p) ? p.ValueKind == JsonValueKind.Number ? p.GetInt64() : null : null;

    /// <summary>Brings one group's membership in line with its department. Returns how many joined and left.</summary>
    public static (int Added, int Removed) Reconcile(WriteContext w, DepartmentGroupLink link, int maxMembers, ILogger? log = null)
    {
        var c = ConversationStore.Find(w, link.ConversationId, 0);
        if (c is null || c.IsArchived) return (0, 0);
        var wanted = ConversationAdminStore.DepartmentUsers(w, link.DepartmentId, link.IncludeSub);
        var current = ConversationAdminStore.MemberRoles(w, link.ConversationId);
        var leaving = current.Where(m => m.Value == MemberRoles.Member && !wanted.Contains(m.Key)).Select(m => m.Key).ToList();
        foreach (var u in leaving) ConversationService.Leave(w, link.ConversationId, u, actor: u);
        var joining = wanted.Where(u => !current.ContainsKey(u)).Order().ToList();
        var room = Math.Max(0, maxMembers - (current.Count - leaving.Count));
        if (joining.Count > room)
        {
            if (log is not null) ConversationAdminLog.DepartmentGroupFull(log, link.ConversationId, joining.Count - room);
            joining = joining.Take(room).ToList();
        }
        foreach (var u in joining) ConversationService.Join(w, link.ConversationId, u, MemberRoles.Member, actor: u);
        return (joining.Count, leaving.Count);
    }
}
