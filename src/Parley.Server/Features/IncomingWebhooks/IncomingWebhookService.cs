using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Auth;
using Parley.Server.Features.Cards;
using Parley.Server.Features.Conversations;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Users;
using Parley.Server.Platform;
using Parley.Server.Platform.Outbound;
using Parley.Server.Platform.SystemLog;
using Parley.Server.Storage;

namespace Parley.Server.Features.IncomingWebhooks;

/// <summary>
/// Incoming webhooks: made by a conversation's owners and admins (or holders of conversations.manage) for a group or
/// channel; each has its own identity, a user of kind 'webhook' who is a member of that conversation, so its messages
/// take the normal path (<see cref="MessageService.SendAsync"/>: limits, send rate, sensitive words, the log). The URL's
/// token is shown once and stored as SHA-256; revoking deactivates the identity and takes it out of the conversation.
/// </summary>
public sealed class IncomingWebhookService(
    IncomingWebhookStore store, ConversationStore conversations, WriteQueue writer, MessageService messages, CardTexts cardTexts, IRateCounter rate, OutboundHttp outbound, IOptionsMonitor<IncomingWebhooksOptions> options)
{
    public const string TokenPrefix = "phk_";
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, long> _touched = new();

    private IncomingWebhooksOptions O => options.CurrentValue;

    public async Task<CreatedIncomingWebhookDto> CreateAsync(Actor actor, long conversationId, CreateIncomingWebhookRequest request, string baseUrl)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 80 || name.Any(char.IsControl)) throw ParleyException.Invalid("name", "A hook's name is 1–80 characters with no control characters.");
        // Checked now for a clear answer (422 target_forbidden for an internal address not in Parley:Webhooks:AllowedHosts);
        // every click is checked again where the connection is made.
        string? actionUrl = null;
        if (!string.IsNullOrWhiteSpace(request.ActionUrl))
        {
            try { actionUrl = (await outbound.ValidateTargetAsync(request.ActionUrl)).AbsoluteUri; }
            catch (OutboundException e) { throw e.ToProblem("actionUrl"); }
        }
        var token = TokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var secret = WebhookSigner.NewSecret();
        var row = await writer.ExecuteAsync(w =>
        {
            var c = Manageable(w, actor, conversationId);
            if (c.Kind == ConversationKinds.Direct) throw ParleyException.Conflict("A direct conversation takes no webhooks; use a group or a channel.");
            ConversationService.RequireWritable(c);
            if (IncomingWebhookStore.CountLive(w, conversationId) >= O.MaxPerConversation)
                throw ParleyException.Conflict($"A conversation has at most {O.MaxPerConversation} incoming webhooks.");
            var identity = IntegrationIdentity.Create(w, "hook-", name);
            var id = IncomingWebhookStore.Insert(w, conversationId, identity.Id, name, Tokens.Hash(token), actionUrl, secret, actor.UserId!.Value);
            ConversationService.Join(w, conversationId, identity.Id, MemberRoles.Member, actor.UserId!.Value);
            SystemLog.Append(w, actor, SystemEventTypes.IncomingWebhookCreated, id, new { name, actionUrl }, conversationId);
            return IncomingWebhookStore.Get(w, id)!;
        });
        return new CreatedIncomingWebhookDto(row.Id, token, $"{baseUrl.TrimEnd('/')}/api/v1/hooks/{token}", secret, row.ToDto());
    }

    public async Task<IReadOnlyList<IncomingWebhookDto>> ListAsync(Actor actor, long conversationId)
    {
        var userId = actor.UserId ?? throw ParleyException.Forbidden("A signed-in user manages webhooks.");
        Manageable(await conversations.FindAsync(conversationId, userId), actor);
        return [.. (await store.ListAsync(conversationId)).Select(r => r.ToDto())];
    }

    public async Task RevokeAsync(Actor actor, long conversationId, long hookId)
    {
        await writer.ExecuteAsync(w =>
        {
            Manageable(w, actor, conversationId);
            var hook = IncomingWebhookStore.Get(w, hookId);
            if (hook is null || hook.ConversationId != conversationId || hook.RevokedAt is not null) throw ParleyException.NotFound("The incoming webhook");
            IncomingWebhookStore.Revoke(w, hookId);
            UserStore.Update(w, hook.BotUserId, displayName: null, isActive: false);
            ConversationService.Leave(w, conversationId, hook.BotUserId, actor.UserId!.Value);
            SystemLog.Append(w, actor, SystemEventTypes.IncomingWebhookRevoked, hookId, new { hook.Name }, conversationId);
            return 0;
        });
    }

    /// <summary>
    /// The conversation if the actor may manage its hooks: its owners and admins, or holders of conversations.manage
    /// (members or not). Anyone else who is not a member gets 404, as if it did not exist; a plain member 403.
    /// </summary>
    private static ConversationRecord Manageable(WriteContext w, Actor actor, long conversationId) =>
        Manageable(ConversationStore.Find(w, conversationId, actor.UserId ?? throw ParleyException.Forbidden("A signed-in user manages webhooks.")), actor);

    private static ConversationRecord Manageable(ConversationRecord? c, Actor actor)
    {
        if (c is null) throw ParleyException.NotFound("The conversation");
        if (actor.Has(Contracts.Permissions.ConversationsManage)) return c;
        if (c.Role is null) throw ParleyException.NotFound("The conversation");
        if (!ConversationService.IsManager(c)) throw ParleyException.Forbidden("Only the conversation's owners and admins manage its webhooks.");
        return c;
    }

    /// <summary>
    /// Finds the live hook for a token (404 for anything else), within the address's budget of unknown tokens and the
    /// hook's own rate.
    /// </summary>
    public async Task<IncomingWebhookStore.Row> AuthenticateAsync(string token, string? address)
    {
        var missKey = "hookmiss:" + (address ?? "unknown");
        var window = TimeSpan.FromMinutes(1);
        if (await rate.PeekAsync(missKey, window) >= O.UnknownTokenAttemptsPerMinute)
            throw new ParleyException(429, ErrorCodes.RateLimited, "Too many posts with unknown hook tokens from this address; wait a minute.", RateWindow.Now(window).Remaining);
        var row = token.StartsWith(TokenPrefix, StringComparison.Ordinal) && token.Length <= 100 ? await store.FindLiveAsync(Tokens.Hash(token)) : null;
        if (row is null)
        {
            await rate.TryTakeAsync(missKey, int.MaxValue, window);
            throw ParleyException.NotFound("The incoming webhook");
        }
        var decision = await rate.TryTakeAsync("hook:" + row.Id.ToString(CultureInfo.InvariantCulture), O.RequestsPerMinute, window);
        if (!decision.Allowed)
            throw new ParleyException(429, IntegrationErrorCodes.HookRateLimited, $"At most {O.RequestsPerMinute} posts per minute to one hook; slow down.", decision.RetryAfter);
        return row;
    }

    /// <summary>Posts what the hook was sent into its conversation, as the hook's identity.</summary>
    public async Task<MessageDto> PostAsync(IncomingWebhookStore.Row hook, SlackPayload payload)
    {
        var screened = payload.Card is null ? null : await cardTexts.ScreenAsync(payload.Card, hook.BotUserId, hook.ConversationId);
        var sent = await messages.SendAsync(hook.BotUserId, hook.ConversationId, new SendMessageRequest(payload.Text, null, null, null),
            card: screened is null ? null : (w, messageId) =>
            {
                CardStore.Insert(w, messageId, hook.Id, screened.Card);
                foreach (var text in screened.Texts) text.RecordFlags(w, hook.ConversationId, messageId);
                return screened.Card;
            });
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var last = _touched.GetOrAdd(hook.Id, hook.LastUsedAt ?? 0);
        if (now - last >= TouchEvery.TotalMilliseconds && _touched.TryUpdate(hook.Id, now, last))
            await writer.ExecuteAsync(w => { IncomingWebhookStore.Touch(w, hook.Id, now); return 0; });
        return sent;
    }
}
