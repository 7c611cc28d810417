// Safe markdown: raw HTML is off (so `<img onerror>` stays text), links are limited to http(s)/mailto,
// and @mentions become spans. markdown-it escapes every text token, so the output can be set as innerHTML.
// Nothing rendered here loads from another site by itself: an image becomes a link the reader may open (click to
// load), never an <img> (a tracking pixel would tell its host who read the message, when and from where). The page's
// CSP (img-src 'self' data: blob:) would block such an <img> anyway; see docs/security-notes-web.md.
import MarkdownIt, { type StateCore, type Token } from "markdown-it";

/** The few user-visible words markdown output contains; the caller passes them translated. */
export interface MarkdownLabels {
  externalImage: string;
}

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

const HTTP_URL = /^https?:/i;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

function insideLink(tokens: Token[], idx: number): boolean {
  let depth = 0;
  for (let i = 0; i < idx; i++) {
    if (tokens[i]?.type === "link_open") depth++;
    if (tokens[i]?.type === "link_close") depth--;
  }
  return depth > 0;
}

// ![alt](https://host/x.png) → a placeholder link "Load external image · alt · host" that opens the image in a new tab
// without a referrer. Inside a link it is a plain span (a link inside a link is invalid HTML); the outer link stays.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const labels = (env as { labels: MarkdownLabels }).labels;
  const escape = md.utils.escapeHtml;
  const src = String(token?.attrGet("src") ?? "");
  const alt = token?.children ? self.renderInlineAsText(token.children, options, env) : "";
  if (!HTTP_URL.test(src)) return escape(alt);
  const host = hostOf(src);
  const inner =
    `<span class="external-image-label">${escape(labels.externalImage)}</span>` +
    (alt ? `<span class="external-image-alt">${escape(alt)}</span>` : "") +
    (host ? `<span class="external-image-host">${escape(host)}</span>` : "");
  if (insideLink(tokens, idx)) return `<span class="external-image" data-external-image="">${inner}</span>`;
  return `<a class="external-image" data-external-image="" href="${escape(src)}" target="_blank" rel="noopener noreferrer nofollow">${inner}</a>`;
};

// Table column alignment comes out of markdown-it as style="text-align:…"; the page's CSP refuses inline style
// attributes (style-src 'self'), so it becomes a class.
function alignClasses(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== "th_open" && token.type !== "td_open") continue;
    const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet("style") ?? ""))?.[1];
    if (!token.attrs) continue;
    token.attrs = token.attrs.filter(([name]) => name !== "style");
    if (align) token.attrJoin("class", `align-${align}`);
  }
}
md.core.ruler.push("align_classes", alignClasses);

export function renderMarkdown(text: string, labels: MarkdownLabels): string {
  return md.render(text, { labels });
}
