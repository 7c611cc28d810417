import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";
import { pendingHtml, plainHtml } from "./plainText";

const labels = { externalImage: "Load image" };

// The texts of the benchmarks' seeded history (e2e/harness/seed.mjs) and other everyday messages.
const everyday = [
  "明天上午十点开会，讨论第三季度的预算。 #1",
  "好的，收到！ #4",
  "Sounds good, I'll review the pull request this afternoon. #7",
  "The load test finished: p95 latency stayed under 120 ms with 10k connections.",
  "Can someone check why the nightly build failed?",
  "ok",
  "第一行\n第二行\n第三行",
  'She said "yes" — then left (for lunch).',
  "50% done; 2 of 4 tasks, ETA 3pm!",
];

// Texts the parser reads as more than words: plainHtml must leave them to it.
const markdown = [
  "**bold**", "_em_", "`code`", "~~gone~~", "[link](https://example.com)", "see https://example.com", "parley.io",
  "mail me: a@b.co", "@alice hi", "# title", "- item", "+ item", "* item", "1. first", "2) second", "> quote", "---",
  "a\n===", "x &amp; y", "a < b", "  indented", "tabs\there", "line  \nbreak", "para\n\npara", "a\\*b", "1.5 hours", "",
  "ends with space ", "　全角空格开头",
];

describe("plainHtml", () => {
  it("renders everyday plain messages exactly as the Markdown renderer does", () => {
    for (const text of everyday) {
      const plain = plainHtml(text);
      expect(plain, text).not.toBeNull();
      expect(plain).toBe(renderMarkdown(text, labels));
    }
  });

  it("leaves every text with Markdown syntax, links or mentions to the parser", () => {
    for (const text of markdown) expect(plainHtml(text), JSON.stringify(text)).toBeNull();
  });

  it("never differs from the Markdown renderer on random texts it accepts", () => {
    // A seeded generator: the same texts on every run.
    let seed = 22;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = [..."abcXYZ019 .,:;!?'\"()#%$^{}-+*_~`[]<>&\\|@/=\n\t", "中", "文", "，", "。", "！", "　", "é"];
    let accepted = 0;
    for (let i = 0; i < 20000; i += 1) {
      const length = 1 + Math.floor(next() * 24);
      let text = "";
      for (let j = 0; j < length; j += 1) text += alphabet[Math.floor(next() * alphabet.length)];
      const plain = plainHtml(text);
      if (plain === null) continue;
      accepted += 1;
      expect(plain, JSON.stringify(text)).toBe(renderMarkdown(text, labels));
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it("shows a text waiting for the parser as escaped words", () => {
    expect(pendingHtml("<b>**hi**</b>\nthere")).toBe('<p class="markdown-pending">&lt;b&gt;**hi**&lt;/b&gt;<br>\nthere</p>\n');
  });
});
