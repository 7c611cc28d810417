using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Polls;

/// <summary>
/// Builds the wire form of a poll from its rows. Anonymous polls never carry voter ids; a message's summary carries at
/// most <see cref="SummaryCap"/> voters per option and sign-up entries, so an event stays small whatever the poll's size.
/// </summary>
public static class PollSummary
{
    public const int SummaryCap = 50;

    public static PollDto ToDto(PollSet set, PollRecord p, long nowMs, int cap = SummaryCap)
    {
        var votes = set.Votes[p.Id].ToList();
        var signups = set.Signups[p.Id].ToList();
        var options = set.Options[p.Id].Select(o =>
        {
            var voters = votes.Where(v => v.OptionId == o.Id).Select(v => v.UserId).ToList();
            return new PollOptionDto(o.Id, o.Text, voters.Count, p.Anonymous ? [] : [.. voters.Take(cap)]);
        }).ToList();
        var voterCount = p.Kind == PollKinds.Signup ? signups.Count : votes.Select(v => v.UserId).Distinct().Count();
        return new PollDto(p.Id, p.MessageId, p.Kind, p.Question, p.Multiple, p.Anonymous, p.CreatedBy,
            UnixMs.To(p.ClosesAt), UnixMs.To(p.EffectiveClosedAt(nowMs)), voterCount, options,
            [.. signups.Take(cap).Select(Entry)]);
    }

    public static SignupEntryDto Entry(PollSignupRow s) => new(s.UserId, s.Text, UnixMs.To(s.CreatedAt), UnixMs.To(s.EditedAt));

    /// <summary>Summaries keyed by message id, for a page of messages.</summary>
    public static IReadOnlyDictionary<long, PollDto> ByMessage(PollSet set, long nowMs) =>
        set.Polls.ToDictionary(p => p.MessageId, p => ToDto(set, p, nowMs));
}
