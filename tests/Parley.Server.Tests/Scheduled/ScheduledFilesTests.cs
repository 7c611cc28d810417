using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Files;
using Parley.Server.Tests.Files;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Scheduled;

/// <summary>A scheduled message's uploads are not orphans: the file janitor leaves them until the message is sent.</summary>
public class ScheduledFilesTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Files:OrphanAfter"] = "00:00:01" });
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Janitor_KeepsTheFilesOfAWaitingSchedule_AndTheyAreSentWithIt()
    {
        var alice = await _server.UserAsync();
        var group = await alice.CreateAsync(ConversationKinds.Group, "files later");
        var held = await alice.UploadAsync([5, 6, 7], "report.bin");
        var orphan = await alice.UploadAsync([8], "orphan.bin");
        var s = await alice.Ok<ScheduledMessageAcceptedDto>(ScheduledMessageTests.Schedule(alice, group.Id, "", ScheduledMessageTests.At(TimeSpan.FromHours(1)), [held.Id]));
        // The same upload cannot go with a second schedule.
        Assert.Equal((System.Net.HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed),
            await alice.StatusAsync(ScheduledMessageTests.Schedule(alice, group.Id, "again", ScheduledMessageTests.At(TimeSpan.FromHours(1)), [held.Id])));
        await Task.Delay(1200);

        var (purged, _) = await _server.Services.GetRequiredService<FileJanitor>().RunOnceAsync();
        Assert.Equal(1, purged); // the orphan only
        var sent = await alice.Ok<MessageDto>(alice.Http.PostAsync($"/api/v1/scheduled-messages/{s.ScheduledId}/send", null));
        Assert.Equal([held.Id], sent.Files!.Select(f => f.Id));
        Assert.Equal([5, 6, 7], await alice.DownloadAsync(held.Id));
        Assert.DoesNotContain(orphan.Id, (await alice.MessagesAsync(group.Id)).SelectMany(m => m.Files ?? []).Select(f => f.Id));
    }
}
