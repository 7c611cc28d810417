import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

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
});
