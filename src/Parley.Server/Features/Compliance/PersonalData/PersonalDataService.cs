using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Compliance.Export;
using Parley.Server.Platform;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.Compliance.PersonalData;

/// <summary>
/// Personal data exports (PIPL/GDPR access requests): a user asks for their own, or a compliance officer asks for a
/// user's. They run on the e-discovery export machinery (<see cref="ExportWorker"/>, kind <c>personal</c>); only the
/// requester sees and downloads one; one at a time per user. Requests and downloads are audited.
/// </summary>
public sealed class PersonalDataService(Database database, WriteQueue writer, ExportService exports, ExportSignal signal, IOptions<ComplianceOptions> options)
{
    /// <summary>Requests an export of <paramref name="subjectId"/>'s data; the caller's permission to ask was checked by the endpoint.</summary>
    public async Task<PersonalDataExportDto> RequestAsync(long subjectId, Actor actor)
    {
        var requester = actor.UserId ?? throw ParleyException.Forbidden("An export is requested by a signed-in user.");
        var row = await writer.ExecuteAsync(w =>
        {
            if (!Retention.RetentionStore.TargetExists(w, LegalHoldTargets.User, subjectId)) throw ParleyException.NotFound("The user");
            if (ExportStore.PersonalInProgress(w, subjectId))
                throw new ParleyException(409, ErrorCodes.ExportInProgress, "An export of this user's data is already being written; wait until it is done.");
            var id = ExportStore.Insert(w, requester, 0, w.NowMs, null, null, "en", ExportKinds.Personal, subjectId);
            SystemLog.Append(w, actor, SystemEventTypes.PersonalDataExportRequested, id, new { subjectId, self = subjectId == requester });
            return ExportStore.Get(w, id)!;
        });
        signal.Wake();
        return await ToDtoAsync(row);
    }

    public async Task<IReadOnlyList<PersonalDataExportDto>> ListAsync(Actor actor)
    {
        await using var c = await database.OpenAsync();
        var rows = await ExportStore.OfRequesterAsync(c, actor.UserId ?? 0, ExportKinds.Personal);
        var names = (await ExportStore.UsersAsync(c, [.. rows.Select(r => r.SubjectId ?? 0).Distinct()])).ToDictionary(u => u.Id, u => u.Username);
        return [.. rows.Select(r => ToDto(r, names.GetValueOrDefault(r.SubjectId ?? 0)))];
    }

    public async Task<PersonalDataExportDto> GetAsync(long id, Actor actor) => await ToDtoAsync(await exports.OwnAsync(id, actor, ExportKinds.Personal));

    public Task<(Stream Content, long Length)> OpenAsync(long id, Actor actor, CancellationToken cancellationToken) =>
        exports.OpenAsync(id, actor, ExportKinds.Personal, SystemEventTypes.PersonalDataExported, cancellationToken);

    private async Task<PersonalDataExportDto> ToDtoAsync(ExportStore.Row row)
    {
        await using var c = await database.OpenAsync();
        var users = await ExportStore.UsersAsync(c, [row.SubjectId ?? 0]);
        return ToDto(row, users.Count == 0 ? null : users[0].Username);
    }

    private PersonalDataExportDto ToDto(ExportStore.Row r, string? subjectUsername) =>
        new(r.Id, r.Status, r.SubjectId ?? 0, subjectUsername, r.RequestedBy, (int)r.Total, (int)r.Messages, (int)r.Files, r.Bytes, r.Error,
            UnixMs.To(r.CreatedAt), UnixMs.To(r.FinishedAt),
            r.Status == ExportStatuses.Done && r.FinishedAt is { } f ? UnixMs.To(f + options.Value.ExportRetentionDays * 86_400_000L) : null,
            UnixMs.To(r.ExpiredAt));
}
