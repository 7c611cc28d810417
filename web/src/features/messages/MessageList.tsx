import { useVirtualizer } from "@tanstack/react-virtual";
import { startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { removeFirstPaint } from "../../app/firstPaint";
import { formatDay } from "../../i18n/format";
import { buildRows, callTime, rowIndexOfMessage } from "./listRows";
import { MessageItem, type MessageHandlers } from "./MessageItem";
import { PendingItem } from "./PendingItem";
import { ArrowDown } from "../../ui/icons";
import { useRovingMessages } from "./roving";
import { CallRecord } from "../calls/CallRecord";
import { useCalls } from "../calls/useCalls";

interface Props extends MessageHandlers {
  conversation: ConversationDto;
  /** Scroll to and highlight this message (from search or a link). */
  focusMessageId: number | null;
}

const NEAR_TOP_PX = 300;
/** How long the boot entry's static paint waits for the members before giving way without them. */
const HANDOVER_MS = 1500;
const NEAR_BOTTOM_PX = 120;
/** How far back (pages of PAGE_SIZE) opening a conversation loads to reach the first unread message. */
const MAX_LANDING_PAGES = 20;

function isNearBottom(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
}

/**
 * Virtualized: only the rows on screen are in the DOM, so a channel with 100,000 messages scrolls like one with 100.
 * History loads upward on demand, keeping the row under the reader's eyes still while rows are inserted above it.
 */
export function MessageList({ conversation, focusMessageId, ...handlers }: Props) {
  const { t } = useTranslation();
  const core = useCore();
  const id = conversation.id;
  const timeline = useChat((s) => s.timelines[id]);
  const allPending = useChat((s) => s.pending);
  const members = useChat((s) => s.members[id]);
  const pending = useMemo(() => allPending.filter((p) => p.conversationId === id), [allPending, id]);
  const messages = timeline?.messages;
  const loaded = timeline !== undefined && timeline.appliedSeq >= 0;
  const meId = useChat((s) => s.me?.id ?? -1);
  // Where the reader had read to when they opened it: the "new messages" line stays there while they read on.
  const [unreadAfterSeq] = useState(() => (conversation.unreadCount > 0 ? conversation.readSeq : null));
  const [calls, callCenter] = useCalls();
  useEffect(() => {
    void callCenter.loadRecent(conversation.id).catch(() => undefined);
  }, [callCenter, conversation.id]);
  const recentCalls = calls.recent[conversation.id];
  // Records older than the first loaded message wait until that history is loaded.
  const shownCalls = useMemo(() => {
    const first = messages?.[0];
    if (!recentCalls) return [];
    return timeline?.hasOlder && first ? recentCalls.filter((c) => callTime(c) >= Date.parse(first.createdAt)) : recentCalls;
  }, [recentCalls, messages, timeline?.hasOlder]);
  const rows = useMemo(() => buildRows(messages ?? [], pending, unreadAfterSeq, meId, shownCalls), [messages, pending, unreadAfterSeq, meId, shownCalls]);
  const byId = useMemo(() => new Map((messages ?? []).map((m) => [m.id, m])), [messages]);
  const parentRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const loadingOlder = useRef(false);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [newBelow, setNewBelow] = useState(false);
  const canModerate = conversation.role === "owner" || conversation.role === "admin";

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: (i) => (rows[i]?.kind === "day" ? 40 : rows[i]?.kind === "message" && (rows[i] as { grouped: boolean }).grouped ? 32 : 64),
    getItemKey: (i) => rows[i]?.key ?? i,
    // Rows rendered beyond the screen: each costs a full message render at start-up (issue 22: long tasks on a phone).
    overscan: 4,
  });

  // Keep the reading position when older messages are prepended: shift by the height they added above.
  // (Anchored on the oldest message, not the first row: the first row is usually the same day separator.)
  const oldestId = messages?.[0]?.id;
  const previousOldest = useRef<{ id: number | undefined; total: number }>({ id: undefined, total: 0 });
  useLayoutEffect(() => {
    const el = parentRef.current;
    const before = previousOldest.current;
    const total = virtualizer.getTotalSize();
    if (el && before.id !== undefined && oldestId !== before.id && !atBottom.current) {
      el.scrollTop += total - before.total;
    }
    previousOldest.current = { id: oldestId, total };
  }, [oldestId, virtualizer]);

  // Land on the first unread message, not the bottom (issue 20): load history back to the reader's read position
  // (a page at a time, bounded), then put the "new messages" line at the top. Declared before the follow effect
  // below, which then offers "Jump to latest" instead of scrolling down.
  const landing = useRef(unreadAfterSeq !== null && focusMessageId === null);
  const landingPages = useRef(0);
  useEffect(() => {
    if (!landing.current || !loaded || !timeline || unreadAfterSeq === null) return;
    const oldest = timeline.messages[0];
    if (timeline.hasOlder && oldest && oldest.seq > unreadAfterSeq + 1 && landingPages.current < MAX_LANDING_PAGES) {
      if (loadingOlder.current) return;
      loadingOlder.current = true;
      landingPages.current += 1;
      void core.timelines
        .loadOlder(id)
        .catch(() => (landingPages.current = MAX_LANDING_PAGES))
        .finally(() => {
          loadingOlder.current = false;
        });
      return;
    }
    landing.current = false;
    const index = rows.findIndex((r) => r.kind === "unread");
    if (index < 0) return;
    atBottom.current = false;
    virtualizer.scrollToIndex(index, { align: "start" });
    const frame = requestAnimationFrame(() => {
      const el = parentRef.current;
      if (el && !isNearBottom(el)) setNewBelow(true);
    });
    return () => cancelAnimationFrame(frame);
  }, [loaded, rows.length]);

  // The first page is placed before any row is rendered: rendered at once, the virtualizer would mount the rows at the
  // top of the page (scroll offset 0), then scroll to the newest and mount those too — twice the start-up work on a
  // phone (issue 22: the long tasks of opening a conversation).
  const [placed, setPlaced] = useState(false);
  useLayoutEffect(() => {
    if (placed || rows.length === 0) return;
    if (focusMessageId === null) {
      // Landing on the first unread: when the page already reaches it, place the list there now, so the rows are
      // mounted once (placed at the page's top first, they were mounted twice: issue 22). Otherwise the landing
      // effect above loads history and moves the list itself.
      const unread = landing.current ? rows.findIndex((r) => r.kind === "unread") : -1;
      const reached = unread >= 0 && !(timeline?.hasOlder && (timeline.messages[0]?.seq ?? 0) > (unreadAfterSeq ?? 0) + 1);
      if (reached) virtualizer.scrollToIndex(unread, { align: "start" });
      else virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
      // The virtualizer learns the new position from the scroll event, after the next render: tell it now, or that
      // render mounts the rows at the old position (the page's top) and the event then mounts the right ones.
      if (parentRef.current) virtualizer.scrollOffset = parentRef.current.scrollTop;
    }
    // The rows mount in a transition: React renders them in slices and lets the browser breathe in between, instead of
    // one long task (issue 22: the longest task of opening a conversation on a phone).
    startTransition(() => setPlaced(true));
  }, [placed, rows.length, focusMessageId, virtualizer]);

  // The first screen is up once the rows are (or the conversation turned out empty): the hub and secondary loads follow.
  useEffect(() => {
    if (placed || (loaded && rows.length === 0)) core.firstScreen.painted();
  }, [placed, loaded, rows.length, core]);

  // The boot entry's static paint of these rows (app/firstPaint.ts) gives way to them once they stand where the static
  // ones do: measured, the list at its end (the layout effect below), and the reader's own messages with their receipt
  // line, which needs the members (or after HANDOVER_MS without them), at the next frame.
  const membersIn = members !== undefined;
  useEffect(() => {
    if (!placed && !(loaded && rows.length === 0)) return;
    if (membersIn || rows.length === 0) {
      requestAnimationFrame(removeFirstPaint);
      return;
    }
    const timer = setTimeout(removeFirstPaint, HANDOVER_MS);
    return () => clearTimeout(timer);
  }, [placed, loaded, rows.length, membersIn]);

  // Rows measured taller than estimated, or growing when their receipts arrive, pushed the newest message below the
  // composer: while the reader is at the bottom, stay there (scrolling is no layout shift).
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const el = parentRef.current;
    if (!el || !placed || !atBottom.current || focusMessageId !== null || landing.current) return;
    el.scrollTop = el.scrollHeight;
  }, [totalSize, placed, focusMessageId]);

  // Follow new messages while the reader is at the bottom; otherwise offer a way down.
  const lastKey = rows[rows.length - 1]?.key;
  useEffect(() => {
    if (rows.length === 0) return;
    if (atBottom.current && focusMessageId === null) {
      virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
      return;
    }
    // Offer the way down only when something is below: a jump to a message that is already the last one on screen
    // showed the button with nothing to jump to (issue 20). Measured after layout, when the new row has its height.
    const frame = requestAnimationFrame(() => {
      const el = parentRef.current;
      if (el && !isNearBottom(el)) setNewBelow(true);
    });
    return () => cancelAnimationFrame(frame);
    // Only a change at the end (a new message) matters here, not history loaded above.
  }, [lastKey, virtualizer, focusMessageId]);

  const jumpToLatest = () => {
    atBottom.current = true;
    setNewBelow(false);
    virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
    core.timelines.markRead(id);
  };

  // Jump to a message from search: load history back to it, then centre and highlight it.
  useEffect(() => {
    if (focusMessageId === null) return;
    let cancelled = false;
    const target = byId.get(focusMessageId);
    const index = rowIndexOfMessage(rows, focusMessageId);
    if (index >= 0) {
      atBottom.current = false;
      virtualizer.scrollToIndex(index, { align: "center" });
      setHighlight(focusMessageId);
      const timer = setTimeout(() => !cancelled && setHighlight(null), 3000);
      return () => {
        cancelled = true;
        clearTimeout(timer);
      };
    }
    if (!target && timeline && timeline.appliedSeq >= 0 && timeline.hasOlder && !loadingOlder.current) {
      loadingOlder.current = true;
      void core.timelines
        .loadOlder(id)
        .finally(() => {
          loadingOlder.current = false;
        });
    }
    return () => {
      cancelled = true;
    };
    // Re-runs as rows arrive, until the target is present.
  }, [focusMessageId, rows.length]);

  // Near the top with more history on the server: load the next page, and again if still near the top
  // afterwards (a short page may not push the view down far enough to produce another scroll event).
  const loadOlderIfNearTop = useCallback(() => {
    const el = parentRef.current;
    const current = core.store.getState().timelines[id];
    if (!el || !current || !current.hasOlder || current.appliedSeq < 0 || loadingOlder.current) return;
    if (el.scrollTop >= NEAR_TOP_PX) return;
    loadingOlder.current = true;
    void core.timelines
      .loadOlder(id)
      .catch(() => undefined)
      .finally(() => {
        loadingOlder.current = false;
        requestAnimationFrame(() => loadOlderIfNearTop());
      });
  }, [id, core]);

  const onScroll = useCallback(() => {
    const el = parentRef.current;
    if (!el) return;
    atBottom.current = isNearBottom(el);
    if (atBottom.current) {
      setNewBelow(false);
      core.timelines.markRead(id);
    }
    loadOlderIfNearTop();
  }, [id, core, loadOlderIfNearTop]);

  // The list is one tab stop (roving tabindex, roving.ts); Up/Down move between messages, Home/End to the first and
  // last loaded. Rows off screen are not in the DOM: scroll to the row first, then focus it once it is rendered.
  useRovingMessages(parentRef);
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || !["ArrowUp", "ArrowDown", "Home", "End"].includes(e.key)) return;
    const target = e.target as HTMLElement;
    const current = target.closest<HTMLElement>("[data-index]");
    if (!current || target.closest("textarea, input, [role=menu], [role=listbox], [role=dialog]")) return;
    const isMessage = (i: number) => rows[i]?.kind === "message";
    let index = Number(current.dataset.index);
    if (e.key === "Home" || e.key === "End") {
      index = e.key === "Home" ? 0 : rows.length - 1;
      const step = e.key === "Home" ? 1 : -1;
      while (index >= 0 && index < rows.length && !isMessage(index)) index += step;
    } else {
      const step = e.key === "ArrowDown" ? 1 : -1;
      do index += step;
      while (index >= 0 && index < rows.length && !isMessage(index));
    }
    if (index < 0 || index >= rows.length) return;
    e.preventDefault();
    virtualizer.scrollToIndex(index, { align: "auto" });
    const focusRow = (tries: number) =>
      requestAnimationFrame(() => {
        const article = parentRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] article`);
        if (article) article.focus();
        else if (tries > 0) focusRow(tries - 1);
      });
    focusRow(5);
  };

  return (
    <div className="message-list-frame">
    <div className="message-scroller" ref={parentRef} onScroll={onScroll} onKeyDown={onKeyDown} role="log" aria-label={t("conversation.messages")} aria-busy={!loaded || (rows.length > 0 && !placed)} data-testid="message-list">
      {loaded && !timeline.hasOlder && <div className="history-start muted">{t("conversation.historyStart")}</div>}
      {!loaded && <div className="muted center">{t("common.loading")}</div>}
      <div style={{ height: virtualizer.getTotalSize(), position: "relative", width: "100%" }}>
        {(placed ? virtualizer.getVirtualItems() : []).map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
              {row.kind === "unread" ? (
                <div className="unread-line" role="separator" aria-label={t("conversation.newMessages")}>
                  <span>{t("conversation.newMessages")}</span>
                </div>
              ) : row.kind === "day" ? (
                <div className="day-separator" role="separator" aria-label={formatDay(row.day)}>
                  <span>{formatDay(row.day)}</span>
                </div>
              ) : row.kind === "pending" ? (
                <PendingItem pending={row.pending} />
              ) : row.kind === "call" ? (
                <CallRecord call={row.call} />
              ) : (
                <MessageItem
                  message={row.message}
                  grouped={row.grouped}
                  highlighted={highlight === row.message.id}
                  members={row.message.senderId === meId ? members : undefined}
                  kind={conversation.kind}
                  canModerate={canModerate}
                  quoted={row.message.quoteId !== null ? byId.get(row.message.quoteId) : undefined}
                  {...handlers}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
      {newBelow && (
        <button type="button" className="jump-latest" onClick={jumpToLatest} data-testid="jump-latest">
          <ArrowDown size={15} aria-hidden="true" /> {t("conversation.jumpToLatest")}
        </button>
      )}
    </div>
  );
}
