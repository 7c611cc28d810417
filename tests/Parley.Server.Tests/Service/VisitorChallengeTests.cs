using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Contracts;
using Parley.Server.Features.Service;
using Parley.Server.Tests.Infrastructure;
using static Parley.Server.Tests.Service.ServiceFixture;

namespace Parley.Server.Tests.Service;

/// <summary>
/// The proof-of-work challenge on visitor session creation (issue 18): under load (per widget, per address) a request
/// without a solution gets 428 visitor_challenge_required with a challenge; a solution found here (SHA-256 in C#,
/// independent of the server's check) is accepted once; wrong, expired, forged, replayed or foreign ones get 403
/// visitor_challenge_invalid; the limits keep answering 429. Two servers: one with a widget threshold, one with a
/// per-address threshold (the counters are per process).
/// </summary>
public sealed class VisitorChallengeTests : IAsyncLifetime
{
    private const int Difficulty = 8;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);
    private TestServer _widgetLoad = null!, _addressLoad = null!;

    public async Task InitializeAsync()
    {
        _widgetLoad = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Service:ChallengeAboveSessionsPerMinute"] = "2",
            ["Parley:Service:SessionsPerMinutePerWidget"] = "4",
            ["Parley:Service:SessionsPerMinutePerAddress"] = "1000",
            ["Parley:Service:ChallengeDifficulty"] = Difficulty.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Parley:Service:ChallengeLifetime"] = Lifetime.ToString(),
        });
        _addressLoad = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Service:ChallengeAboveSessionsPerMinutePerAddress"] = "1",
            ["Parley:Service:SessionsPerMinutePerAddress"] = "3",
            ["Parley:Service:ChallengeDifficulty"] = Difficulty.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        await _widgetLoad.DisposeAsync();
        await _addressLoad.DisposeAsync();
    }

    private sealed record Answer(HttpStatusCode Status, string? Code, VisitorChallengeDto? Challenge, VisitorSessionDto? Session, string Body);

    private static async Task<Answer> StartAsync(TestServer server, long widgetId, string? token = null, string? nonce = null)
    {
        using var anon = server.Client();
        using var res = await anon.PostAsJsonAsync("/api/v1/visitor/sessions", new CreateVisitorSessionRequest(widgetId, "Vera", ChallengeToken: token, ChallengeNonce: nonce));
        var body = await res.Content.ReadAsStringAsync();
        if (res.StatusCode == HttpStatusCode.Created) return new Answer(res.StatusCode, null, null, JsonSerializer.Deserialize<VisitorSessionDto>(body, Json.Options), body);
        using var doc = JsonDocument.Parse(body);
        var code = doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        var challenge = doc.RootElement.TryGetProperty("challenge", out var ch) ? ch.Deserialize<VisitorChallengeDto>(Json.Options) : null;
        return new Answer(res.StatusCode, code, challenge, null, body);
    }

    /// <summary>The test's own solver: the first decimal nonce whose SHA-256(token:nonce) has the leading zero bits.</summary>
    private static string Solve(string token, int difficulty, bool wrong = false)
    {
        for (var n = 0L; ; n++)
        {
            var nonce = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (ZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes(token + ":" + nonce))) >= difficulty != wrong) return nonce;
        }
    }

    private static int ZeroBits(byte[] hash)
    {
        var bits = 0;
        foreach (var b in hash)
            for (var mask = 0x80; mask > 0; mask >>= 1)
            {
                if ((b & mask) != 0) return bits;
                bits++;
            }
        return bits;
    }

    private static void AssertInvalid(Answer answer, string why) =>
        Assert.True(answer.Status == HttpStatusCode.Forbidden && answer.Code == ErrorCodes.VisitorChallengeInvalid,
            $"{why} should be refused with 403 visitor_challenge_invalid, got {(int)answer.Status}: {answer.Body}");

    [Fact]
    public async Task StartSession_AboveWidgetThreshold_Gets428Challenge_SolutionAccepted_LimitStill429()
    {
        var widget = await WidgetAsync(_widgetLoad, null);
        await RateWindows.ClearOfMinuteBoundaryAsync();
        var free = new[] { await StartAsync(_widgetLoad, widget.Id), await StartAsync(_widgetLoad, widget.Id) };
        Assert.True(free.All(a => a.Status == HttpStatusCode.Created),
            "below Parley:Service:ChallengeAboveSessionsPerMinute=2 chats start without a challenge: " + string.Join(" | ", free.Select(a => a.Body)));

        var asked = await StartAsync(_widgetLoad, widget.Id);
        Assert.True(asked.Status == HttpStatusCode.PreconditionRequired && asked.Code == ErrorCodes.VisitorChallengeRequired,
            $"the third chat of the minute must bring a solution: 428 visitor_challenge_required, got {(int)asked.Status}: {asked.Body}");
        var challenge = asked.Challenge ?? throw new Xunit.Sdk.XunitException("the 428 carries no challenge: " + asked.Body);
        Assert.True(challenge.Token.StartsWith(VisitorChallenges.Prefix, StringComparison.Ordinal) && challenge.Difficulty == Difficulty,
            $"the challenge names the configured difficulty {Difficulty}: {asked.Body}");
        var left = challenge.ExpiresAt - DateTimeOffset.UtcNow;
        Assert.True(left > TimeSpan.Zero && left <= Lifetime, $"the challenge expires within Parley:Service:ChallengeLifetime ({Lifetime}); {left} left");

        var solved = await StartAsync(_widgetLoad, widget.Id, challenge.Token, Solve(challenge.Token, challenge.Difficulty));
        Assert.True(solved.Status == HttpStatusCode.Created && solved.Session!.Token.Length > 0, $"a correct solution starts the chat: {(int)solved.Status} {solved.Body}");

        // Solved chats count towards the widget's limit (4): one more fits, then 429 whatever the solution.
        var fourth = (await StartAsync(_widgetLoad, widget.Id)).Challenge!;
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(_widgetLoad, widget.Id, fourth.Token, Solve(fourth.Token, fourth.Difficulty))).Status);
        var fifth = (await StartAsync(_widgetLoad, widget.Id)).Challenge!;
        var limited = await StartAsync(_widgetLoad, widget.Id, fifth.Token, Solve(fifth.Token, fifth.Difficulty));
        Assert.True(limited.Status == HttpStatusCode.TooManyRequests && limited.Code == ErrorCodes.RateLimited,
            $"Parley:Service:SessionsPerMinutePerWidget=4 still refuses the fifth chat with 429, solved or not: {(int)limited.Status} {limited.Body}");
    }

    [Fact]
    public async Task StartSession_WrongForeignForgedReplayedOrExpiredSolution_403ChallengeInvalid()
    {
        var widget = await WidgetAsync(_widgetLoad, null);
        var other = await WidgetAsync(_widgetLoad, null);
        // With a solution the server checks it even below the threshold: each case here is refused whatever the load.
        VisitorChallengeDto Fresh(long id) => _widgetLoad.Services.GetRequiredService<VisitorChallenges>().Issue(id);

        var c = Fresh(widget.Id);
        AssertInvalid(await StartAsync(_widgetLoad, widget.Id, c.Token, Solve(c.Token, c.Difficulty, wrong: true)), "a nonce that does not meet the difficulty");
        AssertInvalid(await StartAsync(_widgetLoad, widget.Id, c.Token, null), "a token without a nonce");
        AssertInvalid(await StartAsync(_widgetLoad, widget.Id, c.Token, new string('1', 40)), "a nonce longer than 32 characters");

        var foreign = Fresh(other.Id);
        AssertInvalid(await StartAsync(_widgetLoad, widget.Id, foreign.Token, Solve(foreign.Token, foreign.Difficulty)), "a solved challenge of another widget");

        var forgedToken = c.Token[..^3] + (c.Token[^3] == 'A' ? 'B' : 'A') + c.Token[^2..];
        AssertInvalid(await StartAsync(_widgetLoad, widget.Id, forgedToken, Solve(forgedToken, c.Difficulty)), "a token whose signature does not match");

        var once = Fresh(widget.Id);
        var nonce = Solve(once.Token, once.Difficulty);
        var first = await StartAsync(_widgetLoad, widget.Id, once.Token, nonce);
        Assert.True(first.Status == HttpStatusCode.Created, $"the solution is good the first time: {(int)first.Status} {first.Body}");
        AssertInvalid(await StartAsync(_widgetLoad, widget.Id, once.Token, nonce), "the same solution a second time (single use)");

        var late = Fresh(widget.Id);
        var lateNonce = Solve(late.Token, late.Difficulty);
        await Task.Delay(Lifetime + TimeSpan.FromMilliseconds(300));
        AssertInvalid(await StartAsync(_widgetLoad, widget.Id, late.Token, lateNonce), "a solution sent after the challenge expired");
    }

    [Fact]
    public async Task StartSession_OneAddressAboveItsThreshold_Challenged_OnAnyWidget_LimitStill429()
    {
        var first = await WidgetAsync(_addressLoad, null);
        var second = await WidgetAsync(_addressLoad, null);
        await RateWindows.ClearOfMinuteBoundaryAsync();
        Assert.Equal(HttpStatusCode.Created, (await StartAsync(_addressLoad, first.Id)).Status);
        var asked = await StartAsync(_addressLoad, second.Id);
        Assert.True(asked.Status == HttpStatusCode.PreconditionRequired && asked.Challenge is not null,
            $"Parley:Service:ChallengeAboveSessionsPerMinutePerAddress=1: the address's second request (another widget) is challenged, got {(int)asked.Status} {asked.Body}");
        var solved = await StartAsync(_addressLoad, second.Id, asked.Challenge!.Token, Solve(asked.Challenge.Token, asked.Challenge.Difficulty));
        Assert.True(solved.Status == HttpStatusCode.Created, $"the solved request starts the chat: {(int)solved.Status} {solved.Body}");
        var limited = await StartAsync(_addressLoad, first.Id);
        Assert.True(limited.Status == HttpStatusCode.TooManyRequests,
            $"Parley:Service:SessionsPerMinutePerAddress=3 answers the fourth request 429 before any challenge: {(int)limited.Status} {limited.Body}");
    }

    [Fact]
    public void Satisfies_SharedVector_AgreesWithTheWebSolver()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root(), "web", "src", "features", "service", "visitor", "challengeVector.json")));
        var token = doc.RootElement.GetProperty("token").GetString()!;
        var difficulty = doc.RootElement.GetProperty("difficulty").GetInt32();
        var nonce = doc.RootElement.GetProperty("nonce").GetString()!;
        Assert.Equal(doc.RootElement.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token + ":" + nonce))));
        Assert.True(VisitorChallenges.Satisfies(token, nonce, difficulty), $"the server must accept the vector's nonce {nonce} at difficulty {difficulty}");
        Assert.False(VisitorChallenges.Satisfies(token, nonce, difficulty + 4), "the vector's hash has exactly its difficulty in leading zero bits, not 4 more");
        var smaller = Enumerable.Range(0, int.Parse(nonce, System.Globalization.CultureInfo.InvariantCulture)).Where(n => VisitorChallenges.Satisfies(token, n.ToString(System.Globalization.CultureInfo.InvariantCulture), difficulty)).ToList();
        Assert.True(smaller.Count == 0, $"the web solver finds {nonce} first, so no smaller nonce may pass the server's check: {string.Join(", ", smaller)}");
    }
}
