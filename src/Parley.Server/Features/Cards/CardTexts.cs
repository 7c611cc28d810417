using Parley.Contracts;
using Parley.Server.Platform.Pipeline;

namespace Parley.Server.Features.Cards;

/// <summary>
/// Every text of a card a person reads passes the text pipeline (sensitive words, bidi controls) like a message's text:
/// a masking rule rewrites it, a blocking one refuses the card, flags are recorded with the message. Ids, values and
/// links are not screened: they are not shown as text.
/// </summary>
public sealed class CardTexts(TextPipeline pipeline)
{
    public sealed record Screened(CardDto Card, IReadOnlyList<ScreenedText> Texts);

    public async Task<Screened> ScreenAsync(CardDto card, long userId, long conversationId)
    {
        var texts = new List<ScreenedText>();
        async ValueTask<string?> S(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var screened = await pipeline.ScreenAsync(new TextCandidate(TextKind.CardText, text, userId, conversationId));
            texts.Add(screened);
            return screened.Text;
        }

        var blocks = new List<CardBlockDto>();
        foreach (var b in card.Blocks)
        {
            List<CardFieldDto>? fields = null;
            if (b.Fields is not null)
            {
                fields = [];
                foreach (var f in b.Fields) fields.Add(f with { Title = (await S(f.Title))!, Value = (await S(f.Value))! });
            }
            List<CardButtonDto>? buttons = null;
            if (b.Buttons is not null)
            {
                buttons = [];
                foreach (var x in b.Buttons) buttons.Add(x with { Text = (await S(x.Text))! });
            }
            List<CardInputDto>? inputs = null;
            if (b.Inputs is not null)
            {
                inputs = [];
                foreach (var x in b.Inputs)
                {
                    List<CardOptionDto>? options = null;
                    if (x.Options is not null)
                    {
                        options = [];
                        foreach (var o in x.Options) options.Add(o with { Text = (await S(o.Text))! });
                    }
                    inputs.Add(x with { Label = (await S(x.Label))!, Placeholder = await S(x.Placeholder), Options = options });
                }
            }
            blocks.Add(b with { Text = await S(b.Text), Fields = fields, Buttons = buttons, Inputs = inputs });
        }
        return new Screened(card with { Blocks = blocks, Fallback = await S(card.Fallback) }, texts);
    }
}
