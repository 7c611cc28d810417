// Messages that are plain text need no Markdown parser (issue 22): the first screen renders them before the parser's
// chunk (markdown-it, about 36 KiB on the wire) has arrived. plainHtml returns exactly what renderMarkdown (markdown.ts)
// returns for such a text — markdown.test.ts checks that on a corpus and on random texts — and null for anything the
// parser could read differently: Markdown syntax, a line that could open a block (heading, list, quote, rule), links
// and addresses linkify would find, mentions, entities, and leading or trailing white space (which it trims).

/** Characters with inline meaning (emphasis, code, links, images, HTML, entities, escapes, tables, mentions, URLs). */
const INLINE = /[*_~`[\]<>&\\|@/=\t\r\0]|\.(?!\s|$)/;
/** A line the block parser could take for more than a paragraph line. */
const BLOCK_START = /^(?:[#>+\-*=]|\d{1,9}[.)])/;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function plainHtml(text: string): string | null {
  if (text.length === 0 || INLINE.test(text)) return null;
  const lines = text.split("\n");
  for (const line of lines) {
    if (line.length === 0 || /^\s|\s$/.test(line) || BLOCK_START.test(line)) return null;
  }
  return `<p>${lines.map(escapeHtml).join("<br>\n")}</p>\n`;
}

/** What a text that needs the parser shows for the moment before it arrives: the words, as typed. */
export function pendingHtml(text: string): string {
  return `<p class="markdown-pending">${escapeHtml(text).replace(/\n/g, "<br>\n")}</p>\n`;
}
