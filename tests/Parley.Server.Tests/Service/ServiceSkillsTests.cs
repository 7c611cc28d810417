using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;
using static Parley.Server.Tests.Service.ServiceFixture;

namespace Parley.Server.Tests.Service;

/// <summary>
/// Skills routing (issue 18): agents' skills per queue, a widget's required skills copied onto its conversations, offers
/// only to an online agent holding them all, the fallback to any agent after Parley:Service:SkillFallbackSeconds (2 s
/// here, re-offered by the routing sweep every 0.2 s), transfers to a queue, and bad tags.
/// </summary>
public sealed class ServiceSkillsTests : IAsyncLifetime
{
    private const int FallbackSeconds = 2;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Parley:Service:SessionsPerMinutePerAddress"] = "1000", // every test calls from 127.0.0.1
        ["Parley:Service:SkillFallbackSeconds"] = FallbackSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Parley:Service:RoutingSweepInterval"] = "00:00:00.2",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<ServiceQueueDto> SkillsAsync(long queueId, Session agent, int capacity, params string[] skills)
    {
        var admin = await _server.AdminAsync();
        return await admin.Ok<ServiceQueueDto>(admin.Http.PutAsJsonAsync($"/api/v1/service/queues/{queueId}/agents/{agent.Id}", new SetServiceAgentRequest(capacity, skills)));
    }

    private async Task<ServiceWidgetDto> SkilledWidgetAsync(long queueId, params string[] required)
    {
        var admin = await _server.AdminAsync();
        return await admin.Ok<ServiceWidgetDto>(admin.Http.PostAsJsonAsync("/api/v1/service/widgets",
            new SaveServiceWidgetRequest("Shop " + Guid.NewGuid().ToString("N")[..6], queueId, RequiredSkills: required)));
    }

    /// <summary>A live hub connection: the agent is online (routing reads presence) until it is disposed.</summary>
    private async Task<HubConnection> OnlineAsync(Session agent)
    {
        var hub = _server.Hub(agent.Token);
        await hub.StartRegisteredAsync();
        return hub;
    }

    [Fact]
    public async Task Offer_AgentLacksTheRequiredSkill_SkippedForOneWhoHasIt()
    {
        var queue = await QueueAsync(_server);
        // Ann comes first in round robin (lowest id, never offered) but has only "billing".
        var ann = await AgentAsync(_server, queue.Id);
        var bob = await AgentAsync(_server, queue.Id);
        await SkillsAsync(queue.Id, ann, 3, "Billing");
        var agents = (await SkillsAsync(queue.Id, bob, 3, " VIP ", "退款", "vip")).Agents;
        Assert.Equal(["vip", "退款"], agents.Single(a => a.UserId == bob.Id).Skills); // trimmed, lower-cased, once each
        await using var annHub = await OnlineAsync(ann);
        await using var bobHub = await OnlineAsync(bob);
        var widget = await SkilledWidgetAsync(queue.Id, "Vip");
        Assert.Equal(["vip"], widget.RequiredSkills);

        var first = await ConversationAsync(bob, (await VisitAsync(_server, widget.Id)).ConversationId);
        Assert.Equal(["vip"], first.RequiredSkills);
        Assert.True(first.OfferedTo == bob.Id, $"the conversation needs 'vip': it must go to Bob, who has it, not to {first.OfferedTo}");
        var second = await ConversationAsync(bob, (await VisitAsync(_server, widget.Id)).ConversationId);
        Assert.True(second.OfferedTo == bob.Id, $"round robin must not hand a 'vip' conversation to Ann (no 'vip'); offered to {second.OfferedTo}");

        // A widget without required skills still routes to everyone: Ann now (offered longest ago).
        var plain = await WidgetAsync(_server, queue.Id);
        Assert.Equal(ann.Id, (await ConversationAsync(ann, (await VisitAsync(_server, plain.Id)).ConversationId)).OfferedTo);
    }

    [Fact]
    public async Task Offer_NoSkilledAgentOnline_Waits_ThenAfterTheFallbackGoesToAnUnskilledAgent()
    {
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var bob = await AgentAsync(_server, queue.Id);
        await SkillsAsync(queue.Id, bob, 3, "vip"); // Bob has the skill but is not connected
        await using var annHub = await OnlineAsync(ann);
        var annEvents = new EventCollector(annHub);
        var widget = await SkilledWidgetAsync(queue.Id, "vip");

        var clock = Stopwatch.StartNew();
        var visit = await VisitAsync(_server, widget.Id);
        var waiting = await ConversationAsync(ann, visit.ConversationId);
        Assert.True(waiting.State == ServiceStates.Waiting && waiting.OfferedTo is null,
            $"with no skilled agent online the conversation must wait unoffered, not go to {waiting.OfferedTo} at once");

        await annEvents.WaitAsync(e => e.Type == ServiceEventTypes.Offered
            && e.Data.GetProperty("conversation").GetProperty("conversationId").GetInt64() == visit.ConversationId,
            "the offer to Ann once the skill fallback time has passed", (FallbackSeconds + 10) * 1000);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(FallbackSeconds),
            $"the fallback offer came after {clock.Elapsed.TotalSeconds:0.0} s, before the {FallbackSeconds} s fallback");
        Assert.Equal(ann.Id, (await ConversationAsync(ann, visit.ConversationId)).OfferedTo);
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{visit.ConversationId}/accept", null));
    }

    [Fact]
    public async Task Skills_BadTags_Answer400ServiceSkillInvalid_NullKeeps_EmptyClears()
    {
        var admin = await _server.AdminAsync();
        var queue = await QueueAsync(_server);
        var ann = await AgentAsync(_server, queue.Id);
        var widget = await SkilledWidgetAsync(queue.Id, "vip");
        var agentUrl = $"/api/v1/service/queues/{queue.Id}/agents/{ann.Id}";
        var calls = new (string What, Task<HttpResponseMessage> Call)[]
        {
            ("a space inside", admin.Http.PutAsJsonAsync(agentUrl, new SetServiceAgentRequest(3, ["after sales"]))),
            ("a slash", admin.Http.PutAsJsonAsync(agentUrl, new SetServiceAgentRequest(3, ["a/b"]))),
            ("blank", admin.Http.PutAsJsonAsync(agentUrl, new SetServiceAgentRequest(3, ["  "]))),
            ("eleven tags", admin.Http.PutAsJsonAsync(agentUrl, new SetServiceAgentRequest(3, Enumerable.Range(0, 11).Select(i => $"s{i}").ToList()))),
            ("33 characters", admin.Http.PostAsJsonAsync("/api/v1/service/widgets", new SaveServiceWidgetRequest("w", RequiredSkills: [new string('x', 33)]))),
            ("markup on PATCH", admin.Http.PatchAsJsonAsync($"/api/v1/service/widgets/{widget.Id}", new SaveServiceWidgetRequest(null, RequiredSkills: ["<b>"]))),
        };
        foreach (var (what, call) in calls)
            Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ServiceSkillInvalid), await admin.StatusAsync(call));

        await SkillsAsync(queue.Id, ann, 3, "vip", "中文");
        var kept = (await admin.Ok<ServiceQueueDto>(admin.Http.PutAsJsonAsync(agentUrl, new SetServiceAgentRequest(5)))).Agents.Single(a => a.UserId == ann.Id);
        Assert.Equal(5, kept.Capacity);
        Assert.Equal(["vip", "中文"], kept.Skills); // a request without skills keeps them
        var cleared = await SkillsAsync(queue.Id, ann, 5);
        Assert.Empty(cleared.Agents.Single(a => a.UserId == ann.Id).Skills);

        var renamed = await admin.Ok<ServiceWidgetDto>(admin.Http.PatchAsJsonAsync($"/api/v1/service/widgets/{widget.Id}", new SaveServiceWidgetRequest("Renamed")));
        Assert.Equal(["vip"], renamed.RequiredSkills); // a PATCH without requiredSkills keeps them
        var none = await admin.Ok<ServiceWidgetDto>(admin.Http.PatchAsJsonAsync($"/api/v1/service/widgets/{widget.Id}", new SaveServiceWidgetRequest(null, RequiredSkills: [])));
        Assert.Empty(none.RequiredSkills);
    }

    [Fact]
    public async Task Transfer_ToAQueue_OffersOnlyAnAgentThereWithTheRequiredSkills()
    {
        var front = await QueueAsync(_server, name: "Front");
        var vipDesk = await QueueAsync(_server, name: "VIP desk");
        var ann = await AgentAsync(_server, front.Id);
        await SkillsAsync(front.Id, ann, 3, "vip");
        var cat = await AgentAsync(_server, vipDesk.Id); // first in round robin there, without the skill
        var dan = await AgentAsync(_server, vipDesk.Id);
        await SkillsAsync(vipDesk.Id, dan, 3, "vip");
        await using var annHub = await OnlineAsync(ann);
        await using var catHub = await OnlineAsync(cat);
        await using var danHub = await OnlineAsync(dan);
        var widget = await SkilledWidgetAsync(front.Id, "vip");
        var visit = await VisitAsync(_server, widget.Id);
        await ann.Ok<ServiceConversationDto>(ann.Http.PostAsync($"/api/v1/service/conversations/{visit.ConversationId}/accept", null));

        var moved = await ann.Ok<ServiceConversationDto>(ann.Http.PostAsJsonAsync($"/api/v1/service/conversations/{visit.ConversationId}/transfer",
            new TransferServiceConversationRequest(null, vipDesk.Id)));
        Assert.Equal((ServiceStates.Waiting, vipDesk.Id), (moved.State, moved.QueueId));
        Assert.Equal(["vip"], moved.RequiredSkills);
        Assert.True(moved.OfferedTo == dan.Id, $"the transfer must route by skills in the new queue: Dan has 'vip', Cat does not; offered to {moved.OfferedTo}");
    }
}
