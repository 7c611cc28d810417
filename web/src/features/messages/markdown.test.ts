import { describe, expect, it } from "vitest";
import { renderMarkdown as render } from "./markdown";

const labels = { externalImage: "Load external image" };
const renderMarkdown = (text: string) => render(text, labels);

describe("renderMarkdown", () => {
  it("rawHtml_IsEscapedText", () => {
    const html = renderMarkdown("<img src=x onerror=alert(1)>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("javascriptLink_IsNotALink", () => {
    const html = renderMarkdown("[x](javascript:alert(1))");
    expect(html).not.toContain("<a");
    expect(html).not.toMatch(/href="javascript/i);
  });

  it("httpLink_OpensInNewTabWithoutOpener", () => {
    const html = renderMarkdown("[docs](https://example.com/a)");
    expect(html).toContain('href="https://example.com/a"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("codeBlock_KeepsContentEscaped", () => {
    const html = renderMarkdown("```\n<script>x</script>\n```");
    expect(html).toContain("<pre><code>&lt;script&gt;x&lt;/script&gt;");
  });

  it("mentions_BecomeSpans_ButNotInsideEmailsOrCode", () => {
    const html = renderMarkdown("hi @alice and @all, mail bob@example.com `@code`");
    expect(html).toContain('<span class="mention" data-username="alice">@alice</span>');
    expect(html).toContain('<span class="mention" data-username="all">@all</span>');
    expect(html).not.toContain('data-username="example.com"');
    expect(html).toContain("<code>@code</code>");
  });

  it("chineseText_RendersAsIs", () => {
    expect(renderMarkdown("我们明天讨论部署方案")).toContain("我们明天讨论部署方案");
  });

  it("externalImage_IsAClickToLoadLink_NeverAnImg", () => {
    // An <img> to another host is a tracking pixel: rendering the message would tell that host who read it and when.
    const html = renderMarkdown('![pixel "x"](https://tracker.example/p.gif?u=1&m=2)');
    expect(html).not.toContain("<img");
    expect(html).toContain('<a class="external-image" data-external-image="" href="https://tracker.example/p.gif?u=1&amp;m=2"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('<span class="external-image-label">Load external image</span>');
    expect(html).toContain('<span class="external-image-alt">pixel &quot;x&quot;</span>');
    expect(html).toContain('<span class="external-image-host">tracker.example</span>');
  });

  it("externalImage_UsesTheCallersLabel", () => {
    expect(render("![](https://a.example/x.png)", { externalImage: "加载外部图片" })).toContain("加载外部图片");
  });

  it("externalImageInsideLink_IsNotANestedLink", () => {
    const html = renderMarkdown("[![logo](https://a.example/x.png)](https://b.example/)");
    expect(html).not.toContain("<img");
    expect(html.match(/<a /g)?.length).toBe(1);
    expect(html).toContain('href="https://b.example/"');
    expect(html).toContain('<span class="external-image" data-external-image="">');
  });

  it("imageWithUnsafeSource_IsOnlyItsAltText", () => {
    const html = renderMarkdown("![alt <b>](javascript:alert(1)) ![d](data:image/png;base64,AAAA)");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/href="(javascript|data)/i);
    expect(html).not.toContain("<b>");
  });

  it("tableAlignment_IsAClass_NotAStyleAttributeTheCspWouldRefuse", () => {
    const html = renderMarkdown("| a | b |\n|:-:|--:|\n| 1 | 2 |");
    expect(html).not.toContain("style=");
    expect(html).toContain('<th class="align-center">a</th>');
    expect(html).toContain('<td class="align-right">2</td>');
  });
});
