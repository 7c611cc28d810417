// The first screen of a conversation opened from its URL, painted by the boot entry before React and the chat chunk
// have arrived (issue 22: on a slow phone the messages show about a second sooner). Once the start-up prefetch's
// answers are in (app/startupPrefetch.ts), the newest rows are drawn as plain DOM with the client's own classes, in
// the places the conversation view will take: the shell, the header, the list scrolled to its end, the composer's
// room. The message list removes it as soon as its own rows are committed (removeFirstPaint), so the reader sees the
// same rows stay put while names, avatars and controls fill in.
//
// Text only: every text is set through textContent, never parsed as HTML. The layer is aria-hidden and inert, so
// screen readers and the keyboard meet only React's view, which is already underneath it. Nothing is drawn when the
// conversation cannot be read (not a member, deleted: any non-2xx answer), when the reader would land elsewhere than
// the newest messages (unread ones, a message in the address), or once React's list is up.
import type { ConversationDto, MessageDto } from "../api/types";
import { buildRows, type Row } from "../features/messages/listRows";
import { dayIn, timeIn } from "../i18n/intl";
import { detectLanguage } from "../i18n/language";
import { avatarColour } from "../ui/avatarColour";
import { applyTheme, loadTheme } from "./theme";

const LAYER_ID = "first-paint";
/** On <html> while the layer is up: React's view underneath is transparent (styles.css), so that it is first painted
 * where it ends up, not at the places its list passes through while it measures its rows. */
const SHOWN_CLASS = "first-paint-shown";
/** Rows drawn: the newest ones, enough to fill a tall screen (a grouped row is about 30 px). */
const MAX_ROWS = 40;
/** A layer left behind by a view that never said it was up must not hide the client for long. */
const FAILSAFE_MS = 15_000;
const PAINTED_MARK = "parley.first-paint";

let done = false;

interface Answers {
  conversationId: number;
  meId: number;
  pageSize: number;
  list: Promise<Response | null>;
  page: Promise<Response | null>;
}

/**
 * Reads both answers (from a copy: the core takes the originals) and paints, unless React got there first. Settles once
 * the layer is in the page, or once it is known that there is nothing to paint.
 */
export function paintFirstScreen({ conversationId, meId, pageSize, list, page }: Answers): Promise<void> {
  const read = (answer: Promise<Response | null>) => answer.then((r) => (r?.ok ? (r.clone().json() as Promise<unknown>) : null)).catch(() => null);
  // Registered now, before anyone else can read the bodies: the copies are made first.
  const reading = Promise.all([read(list), read(page)]);
  const route = window.location.hash;
  return reading.then(([conversations, messages]) => {
    if (done || window.location.hash !== route) return;
    const conversation = (conversations as { items?: ConversationDto[] } | null)?.items?.find((c) => c.id === conversationId);
    const items = (messages as { items?: MessageDto[] } | null)?.items;
    if (!conversation || !items || conversation.unreadCount > 0) return;
    paint(conversation, [...items].sort((a, b) => a.seq - b.seq), meId, items.length < pageSize);
  });
}

/** React's view is up (or the client went elsewhere): take the static layer away, and never paint it afterwards. */
export function removeFirstPaint(): void {
  done = true;
  document.getElementById(LAYER_ID)?.remove();
  document.documentElement.classList.remove(SHOWN_CLASS);
}

function paint(conversation: ConversationDto, messages: MessageDto[], meId: number, historyStart: boolean): void {
  const language = detectLanguage();
  applyTheme(loadTheme());
  const all = buildRows(messages, [], null, meId);
  const rows = all.slice(-MAX_ROWS);
  const layer = el("div", "first-paint");
  layer.id = LAYER_ID;
  layer.setAttribute("aria-hidden", "true");
  layer.inert = true;
  const shell = add(layer, "div", "shell");
  add(shell, "nav", "sidebar");
  const section = add(add(add(shell, "main", "main"), "div", "conversation-layout"), "section", "conversation");
  const header = add(section, "header", "conversation-header");
  // A direct conversation's title is the other person's name, which only the chat chunk knows.
  text(add(add(header, "div", "grow title-block"), "h1"), conversation.kind === "direct" ? "" : (conversation.name ?? ""));
  // The header's buttons set its height; one hidden button stands for them.
  text(add(header, "button", "first-paint-button"), "");
  const scroller = add(add(section, "div", "message-list-frame"), "div", "message-scroller");
  if (historyStart && rows.length === all.length) text(add(scroller, "div", "history-start muted"), "");
  const drawn = rows.map((row) => {
    const box = add(scroller, "div", "first-paint-row");
    drawRow(box, row, meId, language);
    return box;
  });
  add(section, "div", "typing");
  add(add(add(section, "div", "composer"), "div", "composer-row"), "div", "first-paint-composer");
  document.body.append(layer);
  document.documentElement.classList.add(SHOWN_CLASS);
  // For the first-paint e2e: the main entry's requests must start after this.
  performance.mark(PAINTED_MARK);
  // Whole pixels, as the virtual list measures its rows: the text then stands on exactly the same pixels in both.
  const heights = drawn.map((box) => Math.round(box.getBoundingClientRect().height));
  drawn.forEach((box, i) => (box.style.height = `${heights[i]}px`));
  scroller.scrollTop = scroller.scrollHeight;
  setTimeout(removeFirstPaint, FAILSAFE_MS);
}

function drawRow(parent: HTMLElement, row: Row, meId: number, language: string): void {
  if (row.kind === "day") {
    text(add(add(parent, "div", "day-separator"), "span"), dayIn(language, row.day));
    return;
  }
  if (row.kind !== "message") return;
  const { message, grouped } = row;
  const article = add(parent, "article", `message${grouped ? " grouped" : ""}${message.senderId === meId ? " mine" : ""}`);
  const gutter = add(article, "div", "message-gutter");
  if (!grouped) {
    const avatar = add(gutter, "span", "avatar");
    avatar.style.cssText = `width:36px;height:36px;background:${avatarColour(message.senderId)}`;
  }
  const main = add(article, "div", "message-main");
  if (!grouped) {
    const head = add(main, "div", "message-header");
    text(add(head, "span", "sender"), "");
    text(add(head, "time", "muted"), timeIn(language, message.createdAt));
  }
  const gone = message.recalledAt !== null || message.deletedAt !== null;
  // Recalled and deleted messages say so in the reader's language, which only the chat chunk carries: a blank line.
  text(add(add(main, "div", "message-body"), "p", gone ? "message-system" : "first-paint-text"), gone ? "" : message.text);
  const footer = add(main, "div", "message-footer");
  // The reader's own messages show their read receipts there once the members are in: the line is kept for them.
  if (message.senderId === meId && !gone) text(add(footer, "span", "receipt-anchor"), "");
}

function el(tag: string, className: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function add(parent: HTMLElement, tag: string, className = ""): HTMLElement {
  return parent.appendChild(el(tag, className));
}

/** Text, never markup; an empty one keeps its line (a no-break space). */
function text(node: HTMLElement, value: string): void {
  node.textContent = value === "" ? "\u00a0" : value;
}
