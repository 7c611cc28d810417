// The server marks hits as <mark>…</mark> around HTML-escaped text. We never inject it as HTML:
// split on the markers and unescape the pieces, so React renders them as text.

export interface SnippetPart {
  text: string;
  hit: boolean;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };

export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}

export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (const match of snippet.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: unescapeHtml(snippet.slice(last, index)), hit: false });
    parts.push({ text: unescapeHtml(match[1] ?? ""), hit: true });
    last = index + match[0].length;
  }
  if (last < snippet.length) parts.push({ text: unescapeHtml(snippet.slice(last)), hit: false });
  return parts.filter((p) => p.text.length > 0);
}
