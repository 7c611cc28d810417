using System.Text;
using System.Text.Json;
using Parley.Contracts;
using Parley.Server.Common;

namespace Parley.Server.Features.Cards;

/// <summary>
/// What a card may hold. Limits follow Slack's Block Kit where it has one (50 blocks, 3,000 characters of section
/// text, 10 fields, 150 characters of header, 75 of button text) so that payloads written for Slack fit; the whole card
/// is at most 16 KB of JSON. A card that breaks a rule is refused (400 invalid_card, the path in errors), never cut.
/// </summary>
public static class CardRules
{
    public const int MaxBlocks = 50, MaxFields = 10, MaxButtons = 5, MaxInputs = 5, MaxOptions = 50, MaxBytes = 16 * 1024;
    public const int MaxText = 3000, MaxHeader = 150, MaxFieldTitle = 150, MaxFieldValue = 2000, MaxButtonText = 75, MaxId = 100, MaxValue = 2000, MaxLink = 2000, MaxFallback = 500;

    private static readonly string[] Colors = ["good", "warning", "danger"];

    /// <summary>The card cleaned (trimmed texts, known types only) or a 400 naming the first rule broken.</summary>
    public static CardDto Validate(CardDto? card, string path = "card")
    {
        if (card is null) throw Invalid(path, "A card is required.");
        if (card.Blocks is not { Count: > 0 } blocks) throw Invalid($"{path}.blocks", "A card has at least one block.");
        if (blocks.Count > MaxBlocks) throw Invalid($"{path}.blocks", $"A card has at most {MaxBlocks} blocks.");
        var color = card.Color?.Trim();
        if (color is { Length: > 0 } && !Colors.Contains(color) && !IsHexColor(color)) throw Invalid($"{path}.color", "color is #rrggbb, good, warning or danger.");
        var inputIds = new HashSet<string>(StringComparer.Ordinal);
        var cleaned = blocks.Select((b, i) => Block(b, $"{path}.blocks[{i}]", inputIds)).ToList();
        var result = new CardDto(cleaned, color is { Length: > 0 } ? color : null, Text(card.Fallback, $"{path}.fallback", MaxFallback, required: false));
        if (Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(result, CardStore.Json)) > MaxBytes)
            throw Invalid(path, $"A card is at most {MaxBytes / 1024} KB.");
        return result;
    }

    private static CardBlockDto Block(CardBlockDto? b, string path, HashSet<string> inputIds)
    {
        if (b is null) throw Invalid(path, "A block must not be null.");
        switch (b.Type)
        {
            case CardBlockTypes.Header:
                return new CardBlockDto(b.Type, Text(b.Text, $"{path}.text", MaxHeader, required: true), Link(b.Link, $"{path}.link"));
            case CardBlockTypes.Section:
                var text = Text(b.Text, $"{path}.text", MaxText, required: false);
                var fields = b.Fields is null ? null : Fields(b.Fields, $"{path}.fields");
                if (text is null && fields is not { Count: > 0 }) throw Invalid(path, "A section has text, fields or both.");
                return new CardBlockDto(b.Type, text, Link(b.Link, $"{path}.link"), fields);
            case CardBlockTypes.Context:
                return new CardBlockDto(b.Type, Text(b.Text, $"{path}.text", MaxText, required: true));
            case CardBlockTypes.Divider:
                return new CardBlockDto(b.Type);
            case CardBlockTypes.Actions:
                if (b.Buttons is not { Count: > 0 } buttons || buttons.Count > MaxButtons) throw Invalid($"{path}.buttons", $"An actions block has 1–{MaxButtons} buttons.");
                return new CardBlockDto(b.Type, Buttons: [.. buttons.Select((x, i) => Button(x, $"{path}.buttons[{i}]"))]);
            case CardBlockTypes.Input:
                if (b.Inputs is not { Count: > 0 } inputs || inputs.Count > MaxInputs) throw Invalid($"{path}.inputs", $"An input block has 1–{MaxInputs} inputs.");
                return new CardBlockDto(b.Type, Inputs: [.. inputs.Select((x, i) => Input(x, $"{path}.inputs[{i}]", inputIds))]);
            default:
                throw Invalid($"{path}.type", "type is one of: header, section, context, divider, input, actions.");
        }
    }

    private static List<CardFieldDto> Fields(IReadOnlyList<CardFieldDto> fields, string path)
    {
        if (fields.Count > MaxFields) throw Invalid(path, $"A section has at most {MaxFields} fields.");
        return [.. fields.Select((f, i) => f is null
            ? throw Invalid($"{path}[{i}]", "A field must not be null.")
            : new CardFieldDto(Text(f.Title, $"{path}[{i}].title", MaxFieldTitle, required: false) ?? "", Text(f.Value, $"{path}[{i}].value", MaxFieldValue, required: true)!, f.Inline))];
    }

    private static CardButtonDto Button(CardButtonDto? b, string path)
    {
        if (b is null) throw Invalid(path, "A button must not be null.");
        if (b.Style is not (null or "primary" or "danger")) throw Invalid($"{path}.style", "style is primary, danger or absent.");
        return new CardButtonDto(Id(b.ActionId, $"{path}.actionId"), Text(b.Text, $"{path}.text", MaxButtonText, required: true)!,
            Text(b.Value, $"{path}.value", MaxValue, required: false, trim: false), b.Style);
    }

    private static CardInputDto Input(CardInputDto? x, string path, HashSet<string> ids)
    {
        if (x is null) throw Invalid(path, "An input must not be null.");
        var id = Id(x.Id, $"{path}.id");
        if (!ids.Add(id)) throw Invalid($"{path}.id", "Input ids are unique within a card.");
        var label = Text(x.Label, $"{path}.label", MaxFieldTitle, required: true)!;
        var placeholder = Text(x.Placeholder, $"{path}.placeholder", MaxFieldTitle, required: false);
        var value = Text(x.Value, $"{path}.value", MaxValue, required: false, trim: false);
        switch (x.Type)
        {
            case "text":
                return new CardInputDto(id, x.Type, label, placeholder, null, x.Multiline, value);
            case "select":
                if (x.Options is not { Count: > 0 } options || options.Count > MaxOptions) throw Invalid($"{path}.options", $"A select has 1–{MaxOptions} options.");
                var cleaned = options.Select((o, i) => o is null ? throw Invalid($"{path}.options[{i}]", "An option must not be null.")
                    : new CardOptionDto(Text(o.Text, $"{path}.options[{i}].text", MaxButtonText, required: true)!, Text(o.Value, $"{path}.options[{i}].value", MaxValue, required: true, trim: false)!)).ToList();
                if (value is not null && cleaned.All(o => o.Value != value)) throw Invalid($"{path}.value", "A select's value is one of its options' values.");
                return new CardInputDto(id, x.Type, label, placeholder, cleaned, false, value);
            default:
                throw Invalid($"{path}.type", "An input's type is text or select.");
        }
    }

    /// <summary>Action and input ids: 1–100 printable characters without spaces (they travel to the integration as keys).</summary>
    public static string Id(string? id, string path)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxId || id.Any(ch => char.IsControl(ch) || char.IsWhiteSpace(ch)))
            throw Invalid(path, $"An id is 1–{MaxId} printable characters without spaces.");
        return id;
    }

    private static string? Text(string? text, string path, int max, bool required, bool trim = true)
    {
        var t = trim ? text?.Trim() : text;
        if (string.IsNullOrEmpty(t))
        {
            if (required) throw Invalid(path, "This text is required.");
            return null;
        }
        if (t.Length > max) throw Invalid(path, $"At most {max} characters.");
        if (t.Contains('\0', StringComparison.Ordinal)) throw Invalid(path, "No NUL characters.");
        return t;
    }

    /// <summary>Links are absolute http, https or mailto: never javascript: or data:, which a client would run.</summary>
    private static string? Link(string? link, string path)
    {
        if (string.IsNullOrWhiteSpace(link)) return null;
        if (link.Length > MaxLink || !Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "mailto"))
            throw Invalid(path, "A link is an absolute http, https or mailto URL.");
        return uri.OriginalString;
    }

    private static bool IsHexColor(string c) => c.Length == 7 && c[0] == '#' && c.Skip(1).All(char.IsAsciiHexDigit);

    public static ParleyException Invalid(string path, string message) =>
        new(400, IntegrationErrorCodes.InvalidCard, $"{path}: {message}") { Errors = new Dictionary<string, string[]> { [path] = [message] } };

    /// <summary>The button with this action id, if the card has one.</summary>
    public static CardButtonDto? FindButton(CardDto card, string actionId) =>
        card.Blocks.Where(b => b.Buttons is not null).SelectMany(b => b.Buttons!).FirstOrDefault(x => x.ActionId == actionId);

    public static IEnumerable<CardInputDto> InputsOf(CardDto card) => card.Blocks.Where(b => b.Inputs is not null).SelectMany(b => b.Inputs!);
}
