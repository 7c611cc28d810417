using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Polls;
using Parley.Server.Features.Push;
using Parley.Server.Features.Scheduled;
using Parley.Server.Features.Users;

namespace Parley.Server.Features.SlashCommands;

/// <summary>
/// Slash commands (issue 17): a message whose text is "/name …" is not stored as text; the command runs instead, as the
/// sender, through the same services (and so the same authorization) as the REST endpoint for that action. Its reply
/// is ephemeral: returned to the caller and sent to the sender's own connections only (<c>command.reply</c>), never
/// written. Bots' messages are never read as commands.
/// </summary>
public sealed class SlashCommandService(
    ConversationService conversations, MessageService messages, UserStore users, ReminderService reminders, PollService polls,
    PushStore pushSettings, ExternalCommandService external, TimeProvider clock)
{
    private sealed record BuiltIn(string Command, string Usage, string Description, Func<Call, Task<Reply>> Run);

    /// <summary>A reply: English text, and its kind and values for clients that say it in the user's language.</summary>
    private sealed record Reply(string Key, string Text, Dictionary<string, string>? Args = null);

    private sealed record Call(long UserId, long ConversationId, SlashCommandLine Line);

    private IReadOnlyList<BuiltIn> BuiltIns =>
    [
        new("/invite", "/invite @user [@user …]", "Add people to this conversation", InviteAsync),
        new("/leave", "/leave", "Leave this conversation", LeaveAsync),
        new("/mute", "/mute", "Mute or unmute this conversation", MuteAsync),
        new("/topic", "/topic new topic", "Set this conversation's topic", TopicAsync),
        new("/remind", "/remind 10m | 2h | tomorrow 9:00", "Remind me of this conversation's latest message", RemindAsync),
        new("/poll", "/poll \"Question\" \"A\" \"B\"", "Start a poll", PollAsync),
    ];

    public async Task<IReadOnlyList<SlashCommandDto>> ListAsync() =>
        [.. BuiltIns.Select(b => new SlashCommandDto(b.Command, b.Description, b.Usage, "builtin")), .. await external.ListAsync()];

    /// <summary>Registers an external command (integrations.manage); a built-in's name is refused (409).</summary>
    public Task<CreatedSlashCommandDto> RegisterAsync(Platform.Actor actor, CreateSlashCommandRequest request) =>
        external.CreateAsync(actor, request, BuiltIns.Select(b => b.Command));

    /// <summary>
    /// Runs the text as a command when it is one (null otherwise: send it as a message). <paramref name="baseUrl"/> is
    /// where this server is reached, for an external command's response_url.
    /// </summary>
    public async Task<SlashCommandResultDto?> TryRunAsync(long userId, long conversationId, string? text, string baseUrl)
    {
        if (SlashCommandLine.Parse(text) is not { } line) return null;
        // A non-member learns nothing, not even which commands exist: the same 404 as a send.
        await conversations.RequireMemberAsync(userId, conversationId);
        var call = new Call(userId, conversationId, line);
        Reply reply;
        if (BuiltIns.FirstOrDefault(b => b.Command == line.Command) is { } builtIn)
        {
            try
            {
                reply = await builtIn.Run(call);
            }
            catch (ParleyException ex) when (ex.Status == 400)
            {
                reply = new Reply("usage", $"{ex.Message} ({builtIn.Usage})", new() { ["usage"] = builtIn.Usage });
            }
        }
        else if (await external.FindAsync(line.Command) is { } registered)
        {
            var outcome = await external.RunAsync(registered, userId, conversationId, line.Arguments, baseUrl);
            return new SlashCommandResultDto(line.Command, outcome.ResponseType, outcome.Text, outcome.Key, outcome.Args);
        }
        else
        {
            reply = new Reply("unknown", $"Unknown command {line.Command}. Commands: " + string.Join("; ", BuiltIns.Select(b => $"{b.Usage} — {b.Description}")),
                new() { ["command"] = line.Command });
        }
        return Ephemeral(call, reply);
    }

    private SlashCommandResultDto Ephemeral(Call call, Reply reply)
    {
        external.PublishReply(call.Line.Command, call.UserId, call.ConversationId, reply.Text);
        return new SlashCommandResultDto(call.Line.Command, SlashResponseTypes.Ephemeral, reply.Text, reply.Key, reply.Args);
    }

    private async Task<Reply> InviteAsync(Call c)
    {
        var names = c.Line.Words().Select(w => w.TrimStart('@')).Where(w => w.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.Count is 0 or > 50) throw ParleyException.Invalid("text", "Name 1–50 people to invite.");
        var found = new List<UserRecord>();
        foreach (var name in names)
            found.Add(await users.FindByUsernameAsync(name) is { IsActive: true } u ? u : throw ParleyException.Invalid("text", $"No active user @{name}."));
        await conversations.AddMembersAsync(c.UserId, c.ConversationId, [.. found.Select(u => u.Id)]);
        var added = string.Join(", ", found.Select(u => "@" + u.Username));
        return new Reply("invited", $"Added {added}.", new() { ["names"] = added });
    }

    private async Task<Reply> LeaveAsync(Call c)
    {
        await conversations.LeaveAsync(c.UserId, c.ConversationId);
        return new Reply("left", "You left the conversation.");
    }

    private async Task<Reply> MuteAsync(Call c)
    {
        var muted = !(await conversations.GetAsync(c.UserId, c.ConversationId)).Muted;
        await conversations.SetMutedAsync(c.UserId, c.ConversationId, muted);
        return muted ? new Reply("muted", "Conversation muted.") : new Reply("unmuted", "Conversation unmuted.");
    }

    private async Task<Reply> TopicAsync(Call c)
    {
        if (c.Line.Arguments.Length == 0) throw ParleyException.Invalid("text", "Give the new topic.");
        var updated = await conversations.UpdateAsync(c.UserId, c.ConversationId, new UpdateConversationRequest(null, c.Line.Arguments, null, null));
        return new Reply("topic_set", $"Topic set: {updated.Topic}", new() { ["topic"] = updated.Topic ?? "" });
    }

    private async Task<Reply> RemindAsync(Call c)
    {
        var zone = DoNotDisturb.FindZone((await pushSettings.SettingsAsync(c.UserId))?.TimeZone) ?? TimeZoneInfo.Utc;
        var words = c.Line.Words();
        var at = RemindTime.Parse(words, clock.GetUtcNow(), zone, out var used) ?? throw RemindTime.Invalid();
        if (used != words.Count) throw RemindTime.Invalid();
        var page = (await messages.PageAsync(c.UserId, c.ConversationId, null, null, 1, null)).Items;
        var latest = page.Count > 0 ? page[^1] : throw ParleyException.Invalid("text", "There is no message here to be reminded of yet.");
        var reminder = await reminders.SetAsync(c.UserId, latest.Id, new SetReminderRequest(RemindTime.Iso(at)));
        var local = TimeZoneInfo.ConvertTime(reminder.At, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return new Reply("reminder_set", $"I will remind you at {local} ({zone.Id}).", new() { ["at"] = local, ["zone"] = zone.Id });
    }

    private async Task<Reply> PollAsync(Call c)
    {
        var words = c.Line.Words();
        if (words.Count < 3) throw ParleyException.Invalid("text", "Give a question and at least two options.");
        await polls.CreateAsync(c.UserId, c.ConversationId, new CreatePollRequest(PollKinds.Poll, words[0], [.. words.Skip(1)]));
        return new Reply("poll_started", $"Poll started: {words[0]}", new() { ["question"] = words[0] });
    }
}
