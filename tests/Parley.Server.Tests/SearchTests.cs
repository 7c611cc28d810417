using System.Net;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

public class SearchTests : IAsyncLifetime
{
    private TestServer _server = null!;
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<IReadOnlyList<SearchHitDto>> Search(Session s, string query) =>
        (await s.Ok<SearchResponse>(s.Http.GetAsync("/api/v1/search?" + query))).Items;

    [Fact]
    public async Task Search_ChineseTwoAndFourCharacterWords_FindMessageInsideSentence()
    {
        var alice = await _server.UserAsync();
        var room = await alice.CreateAsync(ConversationKinds.Channel, "ops");
        var hit = await alice.SendAsync(room.Id, "我们明天讨论部署方案和运维费用的预算");
        await alice.SendAsync(room.Id, "今天天气很好");

        var two = await Search(alice, "q=" + Uri.EscapeDataString("部署"));
        Assert.Equal([hit.Id], two.Select(h => h.Message.Id));
        Assert.Contains("<mark>部署</mark>", two[0].Snippet);

        var four = await Search(alice, "q=" + Uri.EscapeDataString("运维费用"));
        Assert.Equal([hit.Id], four.Select(h => h.Message.Id));

        var single = await Search(alice, "q=" + Uri.EscapeDataString("预"));
        Assert.Equal([hit.Id], single.Select(h => h.Message.Id));

        Assert.Empty(await Search(alice, "q=" + Uri.EscapeDataString("部费")));
    }

    [Fact]
    public async Task Search_EnglishWordsAndPrefixes_CaseInsensitive()
    {
        var alice = await _server.UserAsync();
        var room = await alice.CreateAsync(ConversationKinds.Channel, "eng");
        var m = await alice.SendAsync(room.Id, "Deployment checklist for the Kubernetes cluster");
        Assert.Equal([m.Id], (await Search(alice, "q=deploy")).Select(h => h.Message.Id));
        Assert.Equal([m.Id], (await Search(alice, "q=KUBERNETES%20checklist")).Select(h => h.Message.Id));
        Assert.Empty(await Search(alice, "q=kubernetes%20banana"));
    }

    [Fact]
    public async Task Search_MessagesOfOtherConversations_AreInvisibleToNonMembers()
    {
        var alice = await _server.UserAsync();
        var mallory = await _server.UserAsync();
        var secret = await alice.CreateAsync(ConversationKinds.Group, "secret");
        await alice.SendAsync(secret.Id, "机密的部署计划");
        Assert.Empty(await Search(mallory, "q=" + Uri.EscapeDataString("部署")));
        Assert.Single(await Search(alice, "q=" + Uri.EscapeDataString("部署")));
    }

    [Fact]
    public async Task Search_Filters_ByConversationSenderAndDate()
    {
        var alice = await _server.UserAsync();
        var bob = await _server.UserAsync();
        var a = await alice.CreateAsync(ConversationKinds.Channel, "a", bob.Id);
        var b = await alice.CreateAsync(ConversationKinds.Channel, "b", bob.Id);
        var fromAlice = await alice.SendAsync(a.Id, "release notes");
        var fromBob = await bob.SendAsync(a.Id, "release party");
        var elsewhere = await alice.SendAsync(b.Id, "release date");

        Assert.Equal([fromBob.Id, fromAlice.Id], (await Search(alice, $"q=release&conversationId={a.Id}")).Select(h => h.Message.Id));
        Assert.Equal([fromBob.Id], (await Search(alice, $"q=release&senderId={bob.Id}")).Select(h => h.Message.Id));
        Assert.Equal(3, (await Search(alice, "q=release&from=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O")))).Count);
        Assert.Empty(await Search(alice, "q=release&to=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))));
        _ = elsewhere;
    }

    [Fact]
    public async Task Search_RecalledAndEditedMessages_FollowTheCurrentText()
    {
        var alice = await _server.UserAsync();
        var room = await alice.CreateAsync(ConversationKinds.Channel, "edits");
        var m = await alice.SendAsync(room.Id, "old wording");
        await alice.Ok<MessageDto>(alice.Http.PatchAsync($"/api/v1/messages/{m.Id}", System.Net.Http.Json.JsonContent.Create(new EditMessageRequest("new phrasing"))));
        Assert.Empty(await Search(alice, "q=wording"));
        Assert.Single(await Search(alice, "q=phrasing"));
        await alice.Ok<MessageDto>(alice.Http.PostAsync($"/api/v1/messages/{m.Id}/recall", null));
        Assert.Empty(await Search(alice, "q=phrasing"));
    }

    [Fact]
    public async Task Search_EmptyOrPunctuationOnlyQuery_Is400()
    {
        var alice = await _server.UserAsync();
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(alice.Http.GetAsync("/api/v1/search?q=")));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(alice.Http.GetAsync("/api/v1/search?q=%22*%5E")));
    }

    [Fact]
    public async Task Search_TooManyDistinctWords_Is400ValidationFailed()
    {
        var alice = await _server.UserAsync();
        // Each distinct word is one more index lookup and one more scan of every hit's text for the snippet.
        var q = string.Join(' ', Enumerable.Range(0, 9).Select(i => "word" + i));
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await alice.StatusAsync(alice.Http.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(q))));
        // Repeating a word does not count: the query is deduplicated, not refused.
        Assert.Equal(HttpStatusCode.OK, (await alice.StatusAsync(alice.Http.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(string.Join(' ', Enumerable.Repeat("word WORD", 19)))))).Status);
    }

    [Fact]
    public async Task Search_RepeatedTermAgainstLongMessages_SnippetWorkIsBounded()
    {
        var alice = await _server.UserAsync();
        var room = await alice.CreateAsync(ConversationKinds.Channel, "long");
        var text = string.Concat(Enumerable.Repeat("a ", 8000)); // 16,000 bytes: 8,000 hits of "a" in one message
        for (var i = 0; i < 3; i++) await alice.SendAsync(room.Id, text);

        // Issue 13: 100 copies of one term made the snippet collect every match of every copy over the whole text
        // (800,000 matches per hit here); a hit's snippet now marks at most a fixed number of matches in its window.
        var repeated = await Search(alice, "q=" + Uri.EscapeDataString(string.Join(' ', Enumerable.Repeat("a", 100))));
        var single = await Search(alice, "q=a");
        Assert.Equal(3, repeated.Count);
        Assert.Equal(single.Select(h => h.Snippet), repeated.Select(h => h.Snippet));
        foreach (var hit in repeated)
        {
            var marks = hit.Snippet.Split("<mark>").Length - 1;
            Assert.True(marks is > 0 and <= 16, $"a snippet marked {marks} matches; at most 16 are marked per hit");
            Assert.True(hit.Snippet.Length < 600, $"a snippet of {hit.Snippet.Length} characters; it shows a window of about 180");
        }
    }
}
