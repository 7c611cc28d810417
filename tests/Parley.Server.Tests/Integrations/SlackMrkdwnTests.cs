using Parley.Server.Features.IncomingWebhooks;

namespace Parley.Server.Tests.Integrations;

/// <summary>Slack's mrkdwn to Parley's Markdown (unit): links, specials, emphasis, entities, and code left alone.</summary>
public class SlackMrkdwnTests
{
    [Theory]
    [InlineData("<https://x.example/a?b=1&amp;c=2|the [docs]>", "[the \\[docs\\]](<https://x.example/a?b=1&c=2>)")]
    [InlineData("see <https://x.example>", "see [https://x.example](<https://x.example>)")]
    [InlineData("<mailto:ops@example.com|ops>", "[ops](<mailto:ops@example.com>)")]
    [InlineData("<javascript:alert(1)|click>", "click")]
    [InlineData("<!here> the db is *down* and ~up~", "@all the db is **down** and ~~up~~")]
    [InlineData("<@U123|lina> and <#C9|ops>", "@lina and #ops")]
    [InlineData("a*b*c and 2 * 3 * 4", "a*b*c and 2 * 3 * 4")]
    [InlineData("`*not bold*` and ```\n<https://x|y> *z*\n```", "`*not bold*` and ```\n<https://x|y> *z*\n```")]
    [InlineData("&lt;b&gt;hi&lt;/b&gt; &amp; **kept**", "<b>hi</b> & **kept**")]
    public void ToMarkdown_SlackSyntax_BecomesParleyMarkdown(string mrkdwn, string markdown) =>
        Assert.Equal(markdown, SlackMrkdwn.ToMarkdown(mrkdwn));
}
