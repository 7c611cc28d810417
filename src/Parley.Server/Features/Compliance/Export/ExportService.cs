using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Files;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.Export;

/// <summary>
/// E-discovery exports (issue 16): requested by a compliance user, written in the background by
/// <see cref="ExportWorker"/> on some node, downloadable by the requester only. Requests and downloads are audited.
/// </summary>
public sealed class ExportService(Database database, WriteQueue writer, IBlobStore blobs, ExportSignal signal)
{
    public const int MaxIds = 1000;
    private static readonly string[] Languages = ["en", "zh-CN"];

    public async Task<ComplianceExportDto> CreateAsync(CreateComplianceExportRequest request, Actor actor)
    {
        if (request.From is not { } from || request.To is not { } to)
            throw ParleyException.Invalid("from", "Give from and to (ISO 8601 times): messages created from 'from' up to, not including, 'to'.");
        if (to <= from) throw ParleyException.Invalid("to", "to must be after from.");
        if (request.UserIds is { Length: 0 or > MaxIds } || request.UserIds?.Any(id => id <= 0) == true)
            throw ParleyException.Invalid("userIds", $"userIds, when given, must be 1–{MaxIds} positive user ids.");
        if (request.ConversationIds is { Length: 0 or > MaxIds } || request.ConversationIds?.Any(id => id <= 0) == true)
            throw ParleyException.Invalid("conversationIds", $"conversationIds, when given, must be 1–{MaxIds} positive conversation ids.");
        var language = request.Language ?? "en";
        if (!Languages.Contains(language)) throw ParleyException.Invalid("language", "language must be 'en' or 'zh-CN'.");
        var requester = actor.UserId ?? throw ParleyException.Forbidden("An export is requested by a signed-in user.");
        var row = await writer.ExecuteAsync(w =>
        {
            var id = ExportStore.Insert(w, requester, UnixMs.From(from), UnixMs.From(to), Distinct(request.UserIds), Distinct(request.ConversationIds), language);
            SystemLog.Append(w, actor, SystemEventTypes.ComplianceExportRequested, id,
                new { from, to, userIds = request.UserIds, conversationIds = request.ConversationIds, language });
            return ExportStore.Get(w, id)!;
        });
        signal.Wake();
        return row.ToDto();
    }

    public async Task<ComplianceExportDto> GetAsync(long id, Actor actor) => (await OwnAsync(id, actor, ExportKinds.Compliance)).ToDto();

    public async Task<IReadOnlyList<ComplianceExportDto>> ListAsync(Actor actor)
    {
        await using var c = await database.OpenAsync();
        return (await ExportStore.OfRequesterAsync(c, actor.UserId ?? 0)).Select(r => r.ToDto()).ToList();
    }

    public Task<(Stream Content, long Length)> OpenAsync(long id, Actor actor, CancellationToken cancellationToken) =>
        OpenAsync(id, actor, ExportKinds.Compliance, SystemEventTypes.ComplianceExportDownloaded, cancellationToken);

    /// <summary>
    /// The zip of a finished export of this requester and kind, audited as <paramref name="downloaded"/>; 404 for
    /// anyone else, 409 while it is not done, 410 once the cleanup removed it.
    /// </summary>
    public async Task<(Stream Content, long Length)> OpenAsync(long id, Actor actor, string kind, string downloaded, CancellationToken cancellationToken)
    {
        var row = await OwnAsync(id, actor, kind);
        if (row.Status == ExportStatuses.Expired)
            throw new ParleyException(410, ErrorCodes.ExportExpired, "The export was removed after the retention period; request a new one.");
        if (row.Status != ExportStatuses.Done || row.BlobKey is null)
            throw new ParleyException(409, ErrorCodes.Conflict, $"The export is {row.Status}; it can be downloaded when it is done.");
        var stream = await blobs.OpenReadAsync(row.BlobKey, 0, row.Bytes, cancellationToken) ?? throw ParleyException.NotFound("The export's file");
        await writer.ExecuteAsync(w => SystemLog.Append(w, actor, downloaded, id, new { bytes = row.Bytes, subjectId = row.SubjectId }));
        return (stream, row.Bytes);
    }

    /// <summary>Another user's export (or one of another kind) does not exist as far as this caller can tell.</summary>
    public async Task<ExportStore.Row> OwnAsync(long id, Actor actor, string kind)
    {
        await using var c = await database.OpenAsync();
        var row = await ExportStore.GetAsync(c, id);
        return row is not null && row.RequestedBy == actor.UserId && row.Kind == kind ? row : throw ParleyException.NotFound("The export");
    }

    private static long[]? Distinct(long[]? ids) => ids is null ? null : [.. ids.Distinct().Order()];
}

/// <summary>Wakes this node's export worker when a request arrives (other nodes find it at their next poll).</summary>
public sealed class ExportSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0) try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}
