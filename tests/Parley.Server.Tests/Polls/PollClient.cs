using System.Net.Http.Json;
using Parley.Contracts;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Polls;

/// <summary>The poll routes as a member calls them.</summary>
public static class PollClient
{
    public static Task<HttpResponseMessage> PostPoll(this Session s, long conversationId, CreatePollRequest request) =>
        s.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/polls", request);

    public static async Task<PollDto> CreatePollAsync(this Session s, long conversationId, string question, string[] options, bool multiple = false, bool anonymous = false) =>
        (await s.Ok<MessageDto>(s.PostPoll(conversationId, new CreatePollRequest(PollKinds.Poll, question, options, multiple, anonymous)))).Poll!;

    public static async Task<PollDto> CreateChainAsync(this Session s, long conversationId, string question) =>
        (await s.Ok<MessageDto>(s.PostPoll(conversationId, new CreatePollRequest(PollKinds.Signup, question)))).Poll!;

    public static Task<HttpResponseMessage> Vote(this Session s, long pollId, params long[] optionIds) =>
        s.Http.PutAsJsonAsync($"/api/v1/polls/{pollId}/vote", new VoteRequest(optionIds));

    public static Task<PollDetailDto> VoteAsync(this Session s, long pollId, params long[] optionIds) => s.Ok<PollDetailDto>(s.Vote(pollId, optionIds));

    public static Task<HttpResponseMessage> SignUp(this Session s, long pollId, string text) =>
        s.Http.PostAsJsonAsync($"/api/v1/polls/{pollId}/signups", new SignupRequest(text));

    public static Task<PollDetailDto> DetailAsync(this Session s, long pollId) => s.Ok<PollDetailDto>(s.Http.GetAsync($"/api/v1/polls/{pollId}"));

    public static Task<HttpResponseMessage> Close(this Session s, long pollId) => s.Http.PostAsync($"/api/v1/polls/{pollId}/close", null);
}
