using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;
using Parley.Server.Features.Cards;

namespace Parley.Server.Features.IncomingWebhooks;

/// <summary>
/// What an incoming webhook was sent, as a message: Slack's JSON (<c>text</c>, <c>attachments</c>, <c>blocks</c>),
/// the same JSON as a form's <c>payload=</c> field, Parley's own <c>card</c>, or plain text. <c>username</c>,
/// <c>icon_url</c>, <c>icon_emoji</c> and <c>channel</c> are accepted and ignored, as Mattermost does by default: the
/// message comes from the hook's identity, into the hook's conversation.
/// </summary>
public sealed record SlackPayload(string Text, CardDto? Card)
{
    public static SlackPayload Parse(string? contentType, string body, IFormCollection? form)
    {
        var media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (form is not null)
        {
            var payload = form["payload"].ToString();
            if (payload.Length == 0) throw Invalid("A form post carries the JSON in its payload field.");
            return FromJson(payload);
        }
        if (media == "application/json" || (media is "" && body.TrimStart().StartsWith('{'))) return FromJson(body);
        if (string.IsNullOrWhiteSpace(body)) throw Invalid("The body is empty.");
        return new SlackPayload(body, null);
    }

    private static SlackPayload FromJson(string json)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Invalid("The body is not valid JSON: " + e.Message);
        }
        if (root.ValueKind != JsonValueKind.Object) throw Invalid("The JSON body is an object.");
        var markdown = !(root.TryGetProperty("mrkdwn", out var m) && m.ValueKind == JsonValueKind.False);
        var text = Str(root, "text") is { } t ? (markdown ? SlackMrkdwn.ToMarkdown(t) : t) : null;

        CardDto? card = null;
        if (root.TryGetProperty("card", out var native) && native.ValueKind == JsonValueKind.Object)
        {
            try { card = native.Deserialize<CardDto>(CardStore.Json); }
            catch (JsonException e) { throw CardRules.Invalid("card", "Not a card: " + e.Message); }
        }
        else
        {
            var blocks = new List<CardBlockDto>();
            string? color = null, fallback = null;
            if (root.TryGetProperty("blocks", out var bs) && bs.ValueKind == JsonValueKind.Array)
                foreach (var b in bs.EnumerateArray()) blocks.AddRange(FromBlock(b));
            if (root.TryGetProperty("attachments", out var atts) && atts.ValueKind == JsonValueKind.Array)
            {
                foreach (var a in atts.EnumerateArray())
                {
                    if (a.ValueKind != JsonValueKind.Object) continue;
                    if (blocks.Count > 0) blocks.Add(new CardBlockDto(CardBlockTypes.Divider));
                    color ??= Str(a, "color") is { } c ? (c.StartsWith('#') ? c : c.Length == 6 && c.All(char.IsAsciiHexDigit) ? "#" + c : c) : null;
                    fallback ??= (Str(a, "fallback") ?? Str(a, "title") ?? Str(a, "pretext")) is { } f ? Plain(f) : null;
                    blocks.AddRange(FromAttachment(a));
                }
            }
            if (blocks.Count > 0) card = new CardDto(blocks, color, fallback);
        }
        if (card is not null)
        {
            card = CardRules.Validate(card);
            // Where cards are not shown (notifications, search, previews) the message's text stands for it.
            var summary = card.Fallback ?? text ?? FirstText(card);
            card = card with { Fallback = summary is null ? null : Clip(summary, CardRules.MaxFallback) };
            text ??= card.Fallback;
        }
        if (string.IsNullOrWhiteSpace(text)) throw Invalid("Nothing to post: give text, attachments, blocks or a card.");
        return new SlackPayload(text, card);
    }

    private static IEnumerable<CardBlockDto> FromAttachment(JsonElement a)
    {
        var md = MarkdownIn(a);
        if (Str(a, "pretext") is { } pre) yield return new CardBlockDto(CardBlockTypes.Section, Conv(pre, md("pretext")));
        if (Str(a, "author_name") is { } author) yield return new CardBlockDto(CardBlockTypes.Context, author);
        if (Str(a, "title") is { } title) yield return new CardBlockDto(CardBlockTypes.Header, Plain(title), Str(a, "title_link"));
        var fields = a.TryGetProperty("fields", out var fs) && fs.ValueKind == JsonValueKind.Array
            ? fs.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object)
                .Select(f => new CardFieldDto(Plain(Str(f, "title") ?? ""), Conv(Str(f, "value") ?? "", md("fields")), f.TryGetProperty("short", out var s) && s.ValueKind == JsonValueKind.True))
                .Where(f => f.Value.Length > 0).ToList()
            : null;
        var text = Str(a, "text") is { } t ? Conv(t, md("text")) : null;
        if (text is not null || fields is { Count: > 0 }) yield return new CardBlockDto(CardBlockTypes.Section, text, Fields: fields is { Count: > 0 } ? fields : null);
        if (Str(a, "footer") is { } footer) yield return new CardBlockDto(CardBlockTypes.Context, Plain(footer));
    }

    /// <summary>Slack's attachments format only the fields named in mrkdwn_in; others are plain text.</summary>
    private static Func<string, bool> MarkdownIn(JsonElement a)
    {
        if (!a.TryGetProperty("mrkdwn_in", out var list) || list.ValueKind != JsonValueKind.Array) return _ => true;
        var names = list.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToHashSet();
        return names.Contains;
    }

    private static IEnumerable<CardBlockDto> FromBlock(JsonElement b)
    {
        if (b.ValueKind != JsonValueKind.Object) yield break;
        switch (Str(b, "type"))
        {
            case "header":
                yield return new CardBlockDto(CardBlockTypes.Header, TextObject(b, "text"));
                break;
            case "section":
                var fields = b.TryGetProperty("fields", out var fs) && fs.ValueKind == JsonValueKind.Array
                    ? fs.EnumerateArray().Select(f => TextOf(f)).Where(f => f.Length > 0).Select(f => new CardFieldDto("", f, true)).ToList()
                    : null;
                var text = TextObject(b, "text");
                if (text is not null || fields is { Count: > 0 }) yield return new CardBlockDto(CardBlockTypes.Section, text, Fields: fields is { Count: > 0 } ? fields : null);
                break;
            case "context":
                var words = b.TryGetProperty("elements", out var es) && es.ValueKind == JsonValueKind.Array
                    ? string.Join("  ·  ", es.EnumerateArray().Select(e => TextOf(e)).Where(e => e.Length > 0))
                    : "";
                if (words.Length > 0) yield return new CardBlockDto(CardBlockTypes.Context, words);
                break;
            case "divider":
                yield return new CardBlockDto(CardBlockTypes.Divider);
                break;
            case "actions":
                var buttons = b.TryGetProperty("elements", out var bs) && bs.ValueKind == JsonValueKind.Array
                    ? bs.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object && Str(e, "type") == "button")
                        .Select(e => new CardButtonDto(Str(e, "action_id") ?? "", TextObject(e, "text") ?? "", Str(e, "value"), Str(e, "style"))).ToList()
                    : [];
                if (buttons.Count > 0) yield return new CardBlockDto(CardBlockTypes.Actions, Buttons: buttons);
                break;
            // Images, inputs in Slack's modal format and unknown blocks are left out (cards are image-less).
        }
    }

    /// <summary>A Block Kit text object ({type: mrkdwn|plain_text, text}) under <paramref name="name"/>.</summary>
    private static string? TextObject(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var o) && TextOf(o) is { Length: > 0 } t ? t : null;

    private static string TextOf(JsonElement o)
    {
        if (o.ValueKind == JsonValueKind.String) return o.GetString()!;
        if (o.ValueKind != JsonValueKind.Object || Str(o, "text") is not { } text) return "";
        return Str(o, "type") == "mrkdwn" ? SlackMrkdwn.ToMarkdown(text) : Plain(text);
    }

    private static string Conv(string text, bool markdown) => markdown ? SlackMrkdwn.ToMarkdown(text) : Plain(text);

    /// <summary>Plain text still arrives with Slack's three entities escaped.</summary>
    private static string Plain(string text) => text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");

    private static string? Str(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static string? FirstText(CardDto card) =>
        card.Blocks.Select(b => b.Text ?? (b.Fields is { Count: > 0 } f ? f[0].Value : null)).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static ParleyException Invalid(string message) => new(400, IntegrationErrorCodes.InvalidPayload, message);
}
