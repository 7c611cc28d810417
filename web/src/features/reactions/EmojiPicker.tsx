import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { loadEmojiIndex } from "./emojiData";
import { searchEmoji, type PickerEmoji } from "./emojiIndex";
import { recentRow } from "./recentEmoji";
import { customName, useCustomEmoji } from "./customEmoji";
import { ReactionGlyph } from "./ReactionGlyph";

const COLUMNS = 8;
const WIDTH = 328;
const HEIGHT = 360;

interface Props {
  /** The button that opened it: the picker is placed beside it and focus goes back to it on close. */
  anchor: HTMLElement;
  recent: string[];
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/**
 * The reaction picker: every Unicode emoji, searchable in English and Chinese, recently used first. Operated from
 * the search box like a combobox (the box keeps focus): arrows move through the grid, Enter picks, Escape closes.
 * Rendered in a portal with fixed coordinates: inside the virtual message list its row's transform would clip it
 * and later rows would paint over it.
 */
export function EmojiPicker({ anchor, recent, onPick, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [index, setIndex] = useState<PickerEmoji[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<React.CSSProperties>({});

  useEffect(() => {
    let live = true;
    loadEmojiIndex(i18n.language)
      .then((loaded) => live && setIndex(loaded))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [i18n.language]);

  // Beside the anchor, flipped above it when there is no room below; a bottom sheet on a phone (CSS).
  useLayoutEffect(() => {
    const r = anchor.getBoundingClientRect();
    const below = r.bottom + 4 + HEIGHT <= window.innerHeight;
    const left = Math.max(8, Math.min(r.right - WIDTH, window.innerWidth - WIDTH - 8));
    setPosition(below ? { left, top: r.bottom + 4 } : { left, top: Math.max(8, r.top - HEIGHT - 4) });
  }, [anchor]);

  // Items: the recent row first (when not searching), then everything or the matches.
  const byEmoji = useMemo(() => new Map((index ?? []).map((e) => [e.emoji, e])), [index]);
  // Custom emoji (added by administrators) after the recent row, and in search results when their name matches.
  const custom = useCustomEmoji().list.map((e) => ({ emoji: `:${e.name}:`, name: `:${e.name}:` }));
  const customKey = custom.map((c) => c.emoji).join();
  const items = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (q) {
      const customHits = custom.filter((c) => c.emoji.includes(q)).map((c) => ({ ...c, section: "results" as const }));
      return [...customHits, ...(index ? searchEmoji(index, query, recent).map((e) => ({ emoji: e.emoji, name: e.name, section: "results" as const })) : [])];
    }
    const top = recentRow(recent).map((emoji) => ({ emoji, name: byEmoji.get(emoji)?.name ?? emoji, section: "recent" as const }));
    return [...top, ...custom.map((c) => ({ ...c, section: "custom" as const })), ...(index ?? []).map((e) => ({ emoji: e.emoji, name: e.name, section: "all" as const }))];
    // customKey stands for the custom list (a new array each render).
  }, [index, byEmoji, query, recent, customKey]);

  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    grid.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  // Focus back to the add-reaction button. It is hidden while its message has neither hover nor focus, so focus the
  // message first (its toolbar shows on focus-within), then the button.
  const restoreFocus = () => {
    anchor.closest<HTMLElement>("article")?.focus();
    anchor.focus();
  };
  const close = () => {
    onClose();
    restoreFocus();
  };
  const pick = (emoji: string) => {
    onPick(emoji);
    restoreFocus();
  };

  // A press outside closes it, like any menu.
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node) && !anchor.contains(e.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [anchor, onClose]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const move = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
    if (move !== undefined && items.length > 0) {
      e.preventDefault();
      setActive((a) => Math.min(items.length - 1, Math.max(0, a + move)));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const item = items[active];
      if (item) pick(item.emoji);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  const listId = "emoji-picker-list";
  const optionId = (i: number) => `emoji-option-${i}`;
  const recentCount = query.trim() ? 0 : recentRow(recent).length;
  const sections = query.trim()
    ? [{ label: t("reactions.results"), start: 0, end: items.length, showLabel: false }]
    : [
        { label: t("reactions.recent"), start: 0, end: recentCount, showLabel: true },
        ...(custom.length > 0 ? [{ label: t("reactions.custom"), start: recentCount, end: recentCount + custom.length, showLabel: true }] : []),
        { label: t("reactions.all"), start: recentCount + custom.length, end: items.length, showLabel: true },
      ];
  return createPortal(
    <div className="emoji-picker" role="dialog" aria-label={t("reactions.picker")} style={position} ref={root} data-testid="emoji-picker">
      <input
        type="search"
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={t("reactions.search")}
        aria-label={t("reactions.search")}
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={items[active] ? optionId(active) : undefined}
        data-testid="emoji-search"
      />
      <div className="emoji-grid-scroll" ref={grid}>
        {failed && <p className="error small">{t("errors.network")}</p>}
        {!index && !failed && !query && <p className="muted small">{t("common.loading")}</p>}
        {query.trim() && index && items.length === 0 && <p className="muted small">{t("reactions.noMatches")}</p>}
        <div id={listId} role="listbox" aria-label={t("reactions.picker")}>
          {sections.map((section) => (
            <div role="group" aria-label={section.label} key={section.label}>
              {section.showLabel && (
                <div className="emoji-section" aria-hidden="true">
                  {section.label}
                </div>
              )}
              <div className="emoji-grid">
                {items.slice(section.start, section.end).map((item, offset) => {
                  const i = section.start + offset;
                  return (
                    <button
                      type="button"
                      tabIndex={-1}
                      key={item.emoji}
                      id={optionId(i)}
                      role="option"
                      aria-selected={i === active}
                      aria-label={item.name}
                      title={item.name}
                      className={`emoji-cell emoji${i === active ? " active" : ""}`}
                      data-index={i}
                      data-emoji={item.emoji}
                      onMouseEnter={() => setActive(i)}
                      onClick={() => pick(item.emoji)}
                      data-testid={`emoji-${item.emoji}`}
                    >
                      {customName(item.emoji) ? <ReactionGlyph emoji={item.emoji} size={24} /> : item.emoji}
                    </button>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>,
    document.body,
  );
}
