// Safe markdown: raw HTML is off (so `<img onerror>` stays text), links are limited to http(s)/mailto,
// and @mentions become spans. markdown-it escapes every text token, so the output can be set as innerHTML.
import MarkdownIt, { type StateCore } from "markdown-it";

const SAFE_LINK = /^(https?:|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet("target", "_blank");
    token.attrSet("rel", "noopener noreferrer nofollow");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const MENTION = /(^|[^\w@])@([A-Za-z0-9_.-]{1,64})/g;

function mentionRule(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const out: typeof block.children = [];
    let insideLink = 0;
    for (const token of block.children) {
      if (token.type === "link_open") insideLink++;
      if (token.type === "link_close") insideLink--;
      if (token.type !== "text" || insideLink > 0 || !token.content.includes("@")) {
        out.push(token);
        continue;
      }
      let last = 0;
      const text = token.content;
      for (const match of text.matchAll(MENTION)) {
        const start = (match.index ?? 0) + (match[1]?.length ?? 0);
        if (start > last) {
          const plain = new state.Token("text", "", 0);
          plain.content = text.slice(last, start);
          out.push(plain);
        }
        const mention = new state.Token("mention", "", 0);
        mention.content = match[2] ?? "";
        out.push(mention);
        last = start + 1 + (match[2]?.length ?? 0);
      }
      if (last < text.length) {
        const rest = new state.Token("text", "", 0);
        rest.content = text.slice(last);
        out.push(rest);
      }
    }
    block.children = out;
  }
}

md.core.ruler.push("mention", mentionRule);
md.renderer.rules.mention = (tokens, idx) => {
  const name = md.utils.escapeHtml(tokens[idx]?.content ?? "");
  return `<span class="mention" data-username="${name}">@${name}</span>`;
};

export function renderMarkdown(text: string): string {
  return md.render(text);
}
