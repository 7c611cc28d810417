import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationDto } from "../../api/types";
import { useChat } from "../../app/store";
import { formatDay } from "../../i18n/format";
import { engine } from "../../app/engine";
import { buildRows, rowIndexOfMessage } from "./listRows";
import { MessageItem, type MessageHandlers } from "./MessageItem";
import { PendingItem } from "./PendingItem";

interface Props extends MessageHandlers {
  conversation: ConversationDto;
  /** Scroll to and highlight this message (from search or a link). */
  focusMessageId: number | null;
}

const NEAR_TOP_PX = 300;
const NEAR_BOTTOM_PX = 120;

/**
 * Virtualized: only the rows on screen are in the DOM, so a channel with 100,000 messages scrolls like one with 100.
 * History loads upward on demand, keeping the row under the reader's eyes still while rows are inserted above it.
 */
export function MessageList({ conversation, focusMessageId, ...handlers }: Props) {
  const { t } = useTranslation();
  const id = conversation.id;
  const timeline = useChat((s) => s.timelines[id]);
  const allPending = useChat((s) => s.pending);
  const members = useChat((s) => s.members[id]);
  const pending = useMemo(() => allPending.filter((p) => p.conversationId === id), [allPending, id]);
  const messages = timeline?.messages;
  const rows = useMemo(() => buildRows(messages ?? [], pending), [messages, pending]);
  const byId = useMemo(() => new Map((messages ?? []).map((m) => [m.id, m])), [messages]);
  const parentRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const loadingOlder = useRef(false);
  const [highlight, setHighlight] = useState<number | null>(null);
  const canModerate = conversation.role === "owner" || conversation.role === "admin";

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parentRef.current,
    estimateSize: (i) => (rows[i]?.kind === "day" ? 40 : rows[i]?.kind === "message" && (rows[i] as { grouped: boolean }).grouped ? 32 : 64),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 12,
  });

  // Keep the reading position when older rows are prepended: shift by the height they added.
  const firstKey = rows[0]?.key;
  const previousFirst = useRef<{ key: string | undefined; total: number }>({ key: undefined, total: 0 });
  useLayoutEffect(() => {
    const el = parentRef.current;
    const before = previousFirst.current;
    const total = virtualizer.getTotalSize();
    if (el && before.key !== undefined && firstKey !== before.key && !atBottom.current) {
      el.scrollTop += total - before.total;
    }
    previousFirst.current = { key: firstKey, total };
  }, [firstKey, virtualizer]);

  // Follow new messages while the reader is at the bottom.
  useEffect(() => {
    if (rows.length > 0 && atBottom.current && focusMessageId === null) virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
  }, [rows.length, virtualizer, focusMessageId]);

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
      void engine()
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

  const onScroll = useCallback(() => {
    const el = parentRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom.current) engine().markRead(id);
    if (el.scrollTop < NEAR_TOP_PX && timeline?.hasOlder && !loadingOlder.current && timeline.appliedSeq >= 0) {
      loadingOlder.current = true;
      void engine()
        .loadOlder(id)
        .catch(() => undefined)
        .finally(() => {
          loadingOlder.current = false;
        });
    }
  }, [id, timeline]);

  // Up/Down moves focus between messages; the list is one tab stop away from the composer.
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
    const current = (e.target as HTMLElement).closest<HTMLElement>("[data-index]");
    if (!current || (e.target as HTMLElement).tagName === "TEXTAREA") return;
    const index = Number(current.dataset.index) + (e.key === "ArrowDown" ? 1 : -1);
    if (index < 0 || index >= rows.length) return;
    e.preventDefault();
    virtualizer.scrollToIndex(index);
    requestAnimationFrame(() => parentRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] article, [data-index="${index}"] [role="separator"]`)?.focus());
  };

  const loaded = timeline !== undefined && timeline.appliedSeq >= 0;
  return (
    <div className="message-scroller" ref={parentRef} onScroll={onScroll} onKeyDown={onKeyDown} role="log" aria-label={t("conversation.messages")} aria-busy={!loaded} data-testid="message-list">
      {loaded && !timeline.hasOlder && <div className="history-start muted">{t("conversation.historyStart")}</div>}
      {!loaded && <div className="muted center">{t("common.loading")}</div>}
      <div style={{ height: virtualizer.getTotalSize(), position: "relative", width: "100%" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
              {row.kind === "day" ? (
                <div className="day-separator" role="separator" tabIndex={-1} aria-label={formatDay(row.day)}>
                  <span>{formatDay(row.day)}</span>
                </div>
              ) : row.kind === "pending" ? (
                <PendingItem pending={row.pending} />
              ) : (
                <MessageItem
                  message={row.message}
                  grouped={row.grouped}
                  highlighted={highlight === row.message.id}
                  members={members}
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
  );
}
