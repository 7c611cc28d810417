using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.Outbound;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Realtime;
using Parley.Server.Storage;

namespace Parley.Server.Features.SlashCommands;

/// <summary>
/// Slash commands an administrator registered (integrations.manage), run with Slack's protocol: Parley POSTs the form
/// fields (team_id, channel_id, channel_name, user_id, user_name, command, text, response_url, trigger_id) to the
/// command's URL through <see cref="OutboundHttp"/> (SSRF-guarded), signed with the Standard Webhooks headers, and
/// waits 3 seconds for <c>{response_type, text}</c>. An ephemeral answer goes to the sender only; an in_channel one is
/// posted as the command's own identity (a user of kind 'webhook', who joins the conversation to post). The run's
/// response_url takes delayed answers: valid 30 minutes, 5 uses (Parley:SlashCommands), its token stored as SHA-256.
/// </summary>
public sealed class ExternalCommandService(
    ExternalCommandStore store, WriteQueue writer, ConversationStore conversations, UserStore users, MessageService messages,
    OutboundHttp outbound, IRateCounter rate, IEventBus events, TimeProvider clock, IOptionsMonitor<SlashCommandsOptions> options, ILogger<ExternalCommandService> log)
{
    public const string ResponseTokenPrefix = "psr_";
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(3);
    public const int MaxTextLength = 4000;

    private SlashCommandsOptions O => options.CurrentValue;

    /// <summary>One reply of a command: what the sender is told, or null when the answer was posted or empty.</summary>
    public sealed record Outcome(string ResponseType, string? Text, string? Key = null, Dictionary<string, string>? Args = null);

    public async Task<IReadOnlyList<SlashCommandDto>> ListAsync() =>
        [.. (await store.ListAsync()).Select(r => new SlashCommandDto(r.Command, r.Description, r.UsageHint ?? r.Command, "external", r.Id))];

    public Task<ExternalCommandStore.Row?> FindAsync(string command) => store.FindByCommandAsync(command);

    public async Task<CreatedSlashCommandDto> CreateAsync(Actor actor, CreateSlashCommandRequest request, IEnumerable<string> builtIns)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        var line = SlashCommandLine.Parse(request.Command?.Trim());
        if (line is null || line.Arguments.Length > 0)
            throw ParleyException.Invalid("command", "A command is \"/\" and a name: a letter, then letters, digits, _ or -, at most 32 characters.");
        var command = line.Command;
        if (builtIns.Contains(command)) throw ParleyException.Conflict($"{command} is a built-in command.");
        var description = request.Description?.Trim() ?? "";
        if (description.Length is 0 or > 200 || description.Any(char.IsControl)) throw ParleyException.Invalid("description", "A description is 1–200 characters with no control characters.");
        var usage = string.IsNullOrWhiteSpace(request.UsageHint) ? null : request.UsageHint.Trim();
        if (usage is { Length: > 200 } || usage?.Any(char.IsControl) == true) throw ParleyException.Invalid("usageHint", "A usage hint is at most 200 characters with no control characters.");
        string url;
        try { url = (await outbound.ValidateTargetAsync(request.Url)).AbsoluteUri; }
        catch (OutboundException e) { throw e.ToProblem(); }
        var secret = WebhookSigner.NewSecret();
        var id = await writer.ExecuteAsync(w =>
        {
            if (ExternalCommandStore.CommandTaken(w, command)) throw ParleyException.Conflict($"{command} is registered already.");
            var identity = IntegrationIdentity.Create(w, "cmd-", command[1..]);
            var id = ExternalCommandStore.Insert(w, command, url, description, usage, identity.Id, secret, actor.UserId!.Value);
            SystemLog.Append(w, actor, SystemEventTypes.SlashCommandCreated, id, new { command, url });
            return id;
        });
        return new CreatedSlashCommandDto(id, command, url, secret);
    }

    /// <summary>Removes the command: its identity is deactivated (its messages stay) and its response URLs answer 404.</summary>
    public async Task DeleteAsync(Actor actor, long id)
    {
        actor.Require(Contracts.Permissions.IntegrationsManage);
        await writer.ExecuteAsync(w =>
        {
            var row = ExternalCommandStore.Get(w, id) ?? throw ParleyException.NotFound("The slash command");
            ExternalCommandStore.Delete(w, id);
            UserStore.Update(w, row.BotUserId, displayName: null, isActive: false);
            SystemLog.Append(w, actor, SystemEventTypes.SlashCommandDeleted, id, new { row.Command });
            return 0;
        });
    }

    /// <summary>Calls the command's service and acts on its immediate answer (the caller is a member: checked before).</summary>
    public async Task<Outcome> RunAsync(ExternalCommandStore.Row command, long userId, long conversationId, string text, string baseUrl)
    {
        var user = await users.FindAsync(userId) ?? throw ParleyException.NotFound("The user");
        var conversation = await conversations.FindAsync(conversationId, userId) ?? throw ParleyException.NotFound("The conversation");
        var token = ResponseTokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await writer.ExecuteAsync(w =>
        {
            ExternalCommandStore.InsertResponse(w, Tokens.Hash(token), command.Id, userId, conversationId, w.NowMs + (long)O.ResponseUrlLifetime.TotalMilliseconds);
            return 0;
        });
        string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "",
            ["team_id"] = "parley",
            ["channel_id"] = Id(conversationId),
            ["channel_name"] = conversation.Name ?? conversation.Kind,
            ["user_id"] = Id(userId),
            ["user_name"] = user.Username,
            ["command"] = command.Command,
            ["text"] = text,
            ["response_url"] = $"{baseUrl.TrimEnd('/')}/api/v1/slash-commands/responses/{token}",
            ["trigger_id"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
        });
        var body = await form.ReadAsByteArrayAsync();
        OutboundResponse response;
        try
        {
            response = await outbound.SendAsync(new OutboundRequest(HttpMethod.Post, new Uri(command.Url))
            {
                Body = body,
                ContentType = "application/x-www-form-urlencoded",
                Headers = WebhookSigner.Headers(command.SigningSecret, "cmd_" + Guid.NewGuid().ToString("N"), clock.GetUtcNow(), body),
                Timeout = ReplyTimeout,
                MaxResponseBytes = 64 * 1024,
            });
        }
        catch (OutboundException e)
        {
            log.LogInformation("Slash command {Command} did not answer: {Code} {Message}", command.Command, e.Code, e.Message);
            return NoAnswer(command, userId, conversationId);
        }
        if (!response.IsSuccess) return NoAnswer(command, userId, conversationId);
        if (response.Body.Length == 0 || response.Body.AsSpan().Trim(" \t\r\n"u8).IsEmpty) return new Outcome(SlashResponseTypes.Ephemeral, null);
        if (!TryReadAnswer(response.Body, out var type, out var answer)) return NoAnswer(command, userId, conversationId);
        return await DeliverAsync(command, userId, conversationId, type, answer);
    }

    /// <summary>A delayed answer to a response_url (no bearer: the token is the secret).</summary>
    public async Task RespondAsync(string token, byte[] body, string? address)
    {
        var missKey = "slashmiss:" + (address ?? "unknown");
        var window = TimeSpan.FromMinutes(1);
        if (await rate.PeekAsync(missKey, window) >= O.UnknownResponseTokensPerMinute)
            throw new ParleyException(429, ErrorCodes.RateLimited, "Too many unknown response URLs from this address; wait a minute.", RateWindow.Now(window).Remaining);
        var hash = token.StartsWith(ResponseTokenPrefix, StringComparison.Ordinal) && token.Length <= 100 ? Tokens.Hash(token) : null;
        if (!TryReadAnswer(body, out var type, out var text)) throw new ParleyException(400, IntegrationErrorCodes.InvalidPayload, "Send JSON {\"response_type\": \"ephemeral\" | \"in_channel\", \"text\": \"…\"}.");
        var run = hash is null ? null : await writer.ExecuteAsync(w =>
        {
            var r = ExternalCommandStore.FindResponse(w, hash);
            if (r is null) return null;
            if (r.Uses >= O.ResponseUrlUses)
                throw new ParleyException(410, IntegrationErrorCodes.ResponseUrlUsedUp, $"A response URL takes at most {O.ResponseUrlUses} answers.");
            ExternalCommandStore.UseResponse(w, hash);
            return r;
        });
        var command = run is null ? null : await store.FindAsync(run.CommandId);
        if (run is null || command is null)
        {
            await rate.TryTakeAsync(missKey, int.MaxValue, window);
            throw ParleyException.NotFound("The response URL");
        }
        // The sender may have left since: a non-member is told nothing and nothing is posted.
        if ((await conversations.FindAsync(run.ConversationId, run.UserId))?.Role is null) throw ParleyException.NotFound("The response URL");
        await DeliverAsync(command, run.UserId, run.ConversationId, type, text);
    }

    private async Task<Outcome> DeliverAsync(ExternalCommandStore.Row command, long userId, long conversationId, string type, string text)
    {
        if (type == SlashResponseTypes.InChannel)
        {
            var joined = await writer.ExecuteAsync(w =>
            {
                var c = ConversationStore.Find(w, conversationId, userId);
                if (c?.Role is null) throw ParleyException.NotFound("The conversation");
                // A direct conversation stays between its two people: the answer is shown to the sender only.
                if (c.Kind == ConversationKinds.Direct) return false;
                ConversationService.Join(w, conversationId, command.BotUserId, MemberRoles.Member, userId);
                return true;
            });
            if (joined)
            {
                var sent = await messages.SendAsync(command.BotUserId, conversationId, new SendMessageRequest(text, null, null, null));
                return new Outcome(SlashResponseTypes.InChannel, sent.Text);
            }
        }
        PublishReply(command.Command, userId, conversationId, text);
        return new Outcome(SlashResponseTypes.Ephemeral, text);
    }

    private Outcome NoAnswer(ExternalCommandStore.Row command, long userId, long conversationId)
    {
        var text = $"The command {command.Command} did not answer.";
        PublishReply(command.Command, userId, conversationId, text);
        return new Outcome(SlashResponseTypes.Ephemeral, text, "no_answer", new() { ["command"] = command.Command });
    }

    /// <summary>A reply only the sender sees: a user-addressed <c>command.reply</c> (built-ins' replies too).</summary>
    public void PublishReply(string command, long userId, long conversationId, string text) =>
        events.PublishToUsers([userId], new EventDto(EventTypes.CommandReply, conversationId, null,
            new CommandReplyEventData(conversationId, command, text), clock.GetUtcNow()));

    /// <summary>Slack's answer: <c>{"response_type": "ephemeral" (the default) | "in_channel", "text": "…"}</c> with a non-empty text.</summary>
    private static bool TryReadAnswer(byte[] body, out string type, out string text)
    {
        type = SlashResponseTypes.Ephemeral;
        text = "";
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            if (root.TryGetProperty("response_type", out var t))
            {
                if (t.ValueKind != JsonValueKind.String || t.GetString() is not (SlashResponseTypes.Ephemeral or SlashResponseTypes.InChannel)) return false;
                type = t.GetString()!;
            }
            if (!root.TryGetProperty("text", out var x) || x.ValueKind != JsonValueKind.String) return false;
            text = x.GetString()!.Trim();
            return text.Length is > 0 and <= MaxTextLength;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
