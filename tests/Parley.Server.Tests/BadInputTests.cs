using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests;

/// <summary>Bad input never yields a 500: each case gets a 4xx problem with a stable code, and nothing is stored.</summary>
public class BadInputTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private Session _alice = null!;
    private ConversationDto _room = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Messages:MaxTextBytes"] = "1024" });
        _alice = await _server.UserAsync();
        _room = await _alice.CreateAsync(ConversationKinds.Channel, "inputs");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<(HttpStatusCode, string?)> PostRaw(string url, byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return _alice.StatusAsync(_alice.Http.PostAsync(url, content));
    }

    private string Messages => $"/api/v1/conversations/{_room.Id}/messages";

    [Theory]
    [InlineData("{\"text\":", ErrorCodes.InvalidJson)]
    [InlineData("{\"text\": 12}", ErrorCodes.InvalidJson)]
    [InlineData("{\"text\": \"x\", \"threadRootId\": \"abc\"}", ErrorCodes.InvalidJson)]
    [InlineData("[]", ErrorCodes.InvalidJson)]
    [InlineData("{}", ErrorCodes.ValidationFailed)]
    [InlineData("{\"text\": \"   \"}", ErrorCodes.ValidationFailed)]
    [InlineData("{\"text\": \"ok\", \"threadRootId\": 987654}", ErrorCodes.ValidationFailed)]
    [InlineData("{\"text\": \"ok\", \"clientMsgId\": \"\"}", ErrorCodes.ValidationFailed)]
    public async Task SendMessage_MalformedOrInvalidJson_Is400WithCode(string body, string code)
    {
        var (status, actual) = await PostRaw(Messages, Encoding.UTF8.GetBytes(body));
        Assert.Equal((HttpStatusCode.BadRequest, code), (status, actual));
        Assert.Empty(await _alice.MessagesAsync(_room.Id));
    }

    [Fact]
    public async Task SendMessage_InvalidUtf8_Is400()
    {
        byte[] body = [.. "{\"text\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.InvalidJson), await PostRaw(Messages, body));
    }

    [Fact]
    public async Task SendMessage_NotJson_Is415()
    {
        var (status, _) = await PostRaw(Messages, Encoding.UTF8.GetBytes("text=hi"), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task SendMessage_OverTheTextLimit_Is413_AtTheLimitIsAccepted()
    {
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, ErrorCodes.MessageTooLarge),
            await _alice.StatusAsync(_alice.Http.PostAsJsonAsync(Messages, new SendMessageRequest(new string('x', 1025), null, null, null))));
        // 341 three-byte characters = 1023 bytes: under the limit although 3× the character count.
        await _alice.SendAsync(_room.Id, new string('字', 341));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, ErrorCodes.MessageTooLarge),
            await _alice.StatusAsync(_alice.Http.PostAsJsonAsync(Messages, new SendMessageRequest(new string('字', 342), null, null, null))));
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        var huge = Encoding.UTF8.GetBytes("{\"text\":\"" + new string('a', 400_000) + "\"}");
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge), await PostRaw(Messages, huge));
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=100000")]
    [InlineData("?limit=-1")]
    [InlineData("?afterSeq=-5")]
    [InlineData("?beforeSeq=-1")]
    [InlineData("?limit=abc")]
    [InlineData("?afterSeq=99999999999999999999999")]
    public async Task Paging_OutOfRange_Is400(string query)
    {
        var (status, code) = await _alice.StatusAsync(_alice.Http.GetAsync(Messages + query));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(code);
    }

    [Fact]
    public async Task Paging_HugeButValidCursor_IsAnEmptyPage()
    {
        Assert.Empty(await _alice.MessagesAsync(_room.Id, $"?afterSeq={long.MaxValue}"));
    }

    [Theory]
    [InlineData("GET", "/api/v1/conversations/99999")]
    [InlineData("GET", "/api/v1/messages/99999")]
    [InlineData("PATCH", "/api/v1/messages/99999")]
    [InlineData("GET", "/api/v1/users/99999")]
    [InlineData("GET", "/api/v1/no-such-thing")]
    public async Task UnknownIds_Are404WithCode(string method, string url)
    {
        var req = new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "PATCH" ? JsonContent.Create(new EditMessageRequest("x")) : null };
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), await _alice.StatusAsync(_alice.Http.SendAsync(req)));
    }

    [Theory]
    [InlineData("{\"kind\":\"planet\",\"name\":\"x\"}")]
    [InlineData("{\"kind\":\"group\"}")]
    [InlineData("{\"kind\":\"group\",\"name\":\"bad\\u0000name\"}")]
    [InlineData("{\"kind\":\"group\",\"name\":\"x\",\"memberIds\":[424242]}")]
    public async Task CreateConversation_Invalid_Is400(string body)
    {
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await PostRaw("/api/v1/conversations", Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("{\"username\":\"\",\"password\":\"long-enough\"}")]
    [InlineData("{\"username\":\"has space\",\"password\":\"long-enough\"}")]
    [InlineData("{\"username\":\"ok\",\"password\":\"short\"}")]
    public async Task CreateUser_Invalid_Is400(string body)
    {
        var admin = await _server.AdminAsync();
        var content = new StringContent(body, Encoding.UTF8, "application/json");
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed), await admin.StatusAsync(admin.Http.PostAsync("/api/v1/users", content)));
    }

    [Fact]
    public async Task MalformedToken_Is401()
    {
        using var c = _server.Client("not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await c.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task SendRateLimit_429WithRetryAfter_ThenRecovers()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Messages:RatePerSecond"] = "10",
            ["Parley:Messages:RateBurst"] = "5",
        });
        var bob = await server.UserAsync();
        var room = await bob.CreateAsync(ConversationKinds.Channel, "fast");
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var res = await bob.Http.PostAsJsonAsync($"/api/v1/conversations/{room.Id}/messages", new SendMessageRequest($"m{i}", null, null, null));
            if (res.StatusCode == HttpStatusCode.TooManyRequests) limited = res;
        }
        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains(ErrorCodes.RateLimited, await limited.Content.ReadAsStringAsync());
        await Task.Delay(1100);
        await bob.SendAsync(room.Id, "after waiting");
    }
}
