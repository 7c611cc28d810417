using System.Text.Json;
using Microsoft.Extensions.Options;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.IncomingWebhooks;
using Parley.Server.Features.Messages;
using Parley.Server.Features.Users;
using Parley.Server.Platform.Outbound;
using Parley.Server.Realtime;

namespace Parley.Server.Features.Cards;

/// <summary>
/// A click on a card's button: the card's hook's action URL is called through <see cref="OutboundHttp"/> (SSRF guard),
/// signed with the hook's secret by <see cref="WebhookSigner"/> (Standard Webhooks), with the clicker, the action, the
/// form's inputs and the card as it is. The integration answers within Parley:IncomingWebhooks:ActionTimeout with
/// <c>{"replace_original": true, text?, card?}</c> (the message is edited: a logged <c>message.edited</c> event every
/// member sees live), <c>{"response_type": "ephemeral", text?, card?}</c> (to the clicker only, never stored) or
/// nothing. Slack's <c>blocks</c>/<c>attachments</c> in the answer are read as in a hook post.
/// </summary>
public sealed class CardActionService(
    MessageService messages, CardStore cards, IncomingWebhookStore hooks, UserStore users, CardTexts cardTexts, OutboundHttp outbound,
    IEventBus bus, TimeProvider time, IOptionsMonitor<IncomingWebhooksOptions> options)
{
    /// <summary>An integration's answer is a small JSON document; anything larger is refused by the client.</summary>
    private const int MaxAnswerBytes = 64 * 1024;

    public async Task<CardActionResultDto> ClickAsync(long userId, long messageId, CardActionRequest request)
    {
        var actionId = CardRules.Id(request.ActionId, "actionId");
        var message = await messages.GetAsync(userId, messageId); // 404 unless the clicker is a member
        if (message.Card is not { } card || message.DeletedAt is not null || message.RecalledAt is not null
            || await cards.FindAsync(messageId) is not { HookId: { } hookId })
            throw NotInteractive("This message has no card to act on.");
        var button = CardRules.FindButton(card, actionId) ?? throw NotInteractive($"The card has no action '{actionId}'.");
        if (request.Value is not null && request.Value != (button.Value ?? ""))
            throw NotInteractive("The card changed since it was shown; reload it and try again.");
        var inputs = Inputs(card, request.Inputs);
        var hook = await hooks.FindAsync(hookId);
        if (hook is not { RevokedAt: null, ActionUrl: { } actionUrl }) throw NotInteractive("The integration behind this card takes no clicks.");
        var clicker = await users.FindAsync(userId) ?? throw ParleyException.NotFound("The user");

        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "card.action",
            actionId,
            value = button.Value,
            inputs,
            user = new { id = clicker.Id, username = clicker.Username, displayName = clicker.DisplayName },
            message = new { id = message.Id, conversationId = message.ConversationId },
            hookId = hook.Id,
            card,
        }, CardStore.Json);
        var now = time.GetUtcNow();
        OutboundResponse answer;
        try
        {
            answer = await outbound.SendAsync(new OutboundRequest(HttpMethod.Post, new Uri(actionUrl))
            {
                Body = body,
                Headers = WebhookSigner.Headers(hook.SigningSecret, "msg_" + Guid.NewGuid().ToString("N"), now, body),
                Timeout = options.CurrentValue.ActionTimeout,
                MaxResponseBytes = MaxAnswerBytes,
            });
        }
        catch (OutboundException e) when (e.Code == OutboundErrorCodes.TargetTimeout)
        {
            throw new ParleyException(504, IntegrationErrorCodes.CardActionTimeout, $"The integration did not answer within {options.CurrentValue.ActionTimeout.TotalSeconds:0.#} s; try again later.");
        }
        catch (OutboundException e)
        {
            throw Failed($"The integration could not be reached ({e.Code}).");
        }
        if (!answer.IsSuccess) throw Failed($"The integration answered {answer.Status}.");
        return await ApplyAsync(userId, message, hook, answer.Text);
    }

    private async Task<CardActionResultDto> ApplyAsync(long userId, MessageDto message, IncomingWebhookStore.Row hook, string answer)
    {
        if (string.IsNullOrWhiteSpace(answer)) return new CardActionResultDto(CardActionOutcomes.None);
        JsonElement root;
        try { root = JsonDocument.Parse(answer).RootElement.Clone(); }
        catch (JsonException) { throw Failed("The integration's answer is not JSON."); }
        if (root.ValueKind != JsonValueKind.Object) throw Failed("The integration's answer is not a JSON object.");
        var replace = root.TryGetProperty("replace_original", out var r) && r.ValueKind == JsonValueKind.True;
        SlackPayload reply;
        try { reply = SlackPayload.Parse("application/json", answer, null); }
        catch (ParleyException e) when (e.Code == IntegrationErrorCodes.InvalidPayload) { return new CardActionResultDto(CardActionOutcomes.None); }
        catch (ParleyException e) { throw Failed("The integration's card was refused: " + e.Message); }

        if (!replace)
        {
            var screened = reply.Card is null ? null : (await cardTexts.ScreenAsync(reply.Card, hook.BotUserId, message.ConversationId)).Card;
            var ephemeral = new CardEphemeralDto(message.Id, message.ConversationId, reply.Text, screened);
            bus.PublishToUsers([userId], new EventDto(IntegrationEventTypes.CardEphemeral, message.ConversationId, null, ephemeral, time.GetUtcNow()));
            return new CardActionResultDto(CardActionOutcomes.Ephemeral, Ephemeral: ephemeral);
        }
        var next = reply.Card is null ? null : await cardTexts.ScreenAsync(reply.Card, hook.BotUserId, message.ConversationId);
        var edited = await messages.EditAsync(hook.BotUserId, message.Id, reply.Text, also: (w, m) =>
        {
            if (next is null) CardStore.Delete(w, m.Id);
            else
            {
                CardStore.Replace(w, m.Id, next.Card);
                foreach (var t in next.Texts) t.RecordFlags(w, m.ConversationId, m.Id);
            }
        });
        return new CardActionResultDto(CardActionOutcomes.Updated, Message: edited);
    }

    /// <summary>Only the card's own inputs, each a short string; a select's value must be one of its options.</summary>
    private static Dictionary<string, string> Inputs(CardDto card, IReadOnlyDictionary<string, string>? given)
    {
        var known = CardRules.InputsOf(card).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in given ?? new Dictionary<string, string>())
        {
            if (!known.TryGetValue(id, out var input)) throw ParleyException.Invalid($"inputs.{id}", "The card has no such input.");
            if (value is null || value.Length > CardRules.MaxValue) throw ParleyException.Invalid($"inputs.{id}", $"An input's value is at most {CardRules.MaxValue} characters.");
            if (input.Type == "select" && value.Length > 0 && input.Options!.All(o => o.Value != value))
                throw ParleyException.Invalid($"inputs.{id}", "Choose one of the select's options.");
            result[id] = value;
        }
        return result;
    }

    private static ParleyException NotInteractive(string message) => new(409, IntegrationErrorCodes.CardNotInteractive, message);

    private static ParleyException Failed(string message) => new(502, IntegrationErrorCodes.CardActionFailed, message);
}
