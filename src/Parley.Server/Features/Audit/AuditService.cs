using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Audit;

/// <summary>
/// The audit log: a read-only view of the system stream for holders of audit.read. Nothing here edits or deletes an
/// entry; an export is itself recorded (<c>audit.exported</c>).
/// </summary>
public sealed class AuditService(AuditStore store, WriteQueue writer)
{
    public async Task<AuditPage> ListAsync(AuditQuery query, Actor actor)
    {
        actor.Require(Contracts.Permissions.AuditRead);
        var rows = await store.ReadAsync(query);
        return new AuditPage(rows.Select(ToDto).ToList(), rows.Count == query.Limit ? rows[^1].Id : null);
    }

    /// <summary>Writes the matching entries as CSV (RFC 4180), newest first, at most <see cref="AuditQuery.MaxExportRows"/>.</summary>
    public async Task ExportCsvAsync(AuditQuery query, Actor actor, TextWriter output, CancellationToken cancellationToken)
    {
        actor.Require(Contracts.Permissions.AuditRead);
        await writer.ExecuteAsync(w => SystemLog.Append(w, actor, SystemEventTypes.AuditExported, null,
            new { action = query.Action is { } a && query.ActionIsPrefix ? a + "*" : query.Action, query.ActorId, query.TargetId, query.FromMs, query.ToMs }));
        await output.WriteAsync(AuditCsv.Header);
        await foreach (var row in store.StreamAsync(query, AuditQuery.MaxExportRows).WithCancellation(cancellationToken))
            await output.WriteAsync(AuditCsv.Line(ToDto(row)));
    }

    private static AuditEntryDto ToDto(AuditStore.Row r) => new(
        r.Id, UnixMs.To(r.CreatedAt), r.ActorId, r.ActorUsername, r.Type, r.TargetId is null ? null : SystemEventTypes.TargetType(r.Type), r.TargetId,
        r.Address, r.Data is null ? null : Parse(r.Data), r.Via);

    private static JsonElement? Parse(string data)
    {
        try
        {
            using var doc = JsonDocument.Parse(data);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(data); // written by hand or by an older version: keep it, as text
        }
    }
}
