import { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { X } from "./icons";
import { useRovingMessages } from "../features/messages/roving";
import { restoreFocus, trapTab } from "./focus";

/** Below this width the panel covers the conversation (styles.css), so it is a modal dialog there. */
const PHONE = "(max-width: 760px)";

interface Props {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Keys inside the body (arrows between a thread's messages). */
  onBodyKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  /** The body lists messages: one tab stop with roving tabindex, like the main list. */
  roving?: boolean;
}

/**
 * The conversation's right-hand panel (thread, members, pins, files): a labelled region with a title and a close
 * button. Focus moves into it when it opens (unless a child such as the thread's message box took it already) and
 * back to what opened it when it closes. On a phone it covers the screen, so it is a modal dialog: Tab stays inside.
 */
export function SidePanel({ title, testId, onClose, children, footer, onBodyKeyDown, roving }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  // Read while rendering, before any effect (the thread's message box focuses itself in one) moves the focus.
  const [opener] = useState(() => (typeof document === "undefined" ? null : document.activeElement));
  const modal = useMediaQuery(PHONE);
  useRovingMessages(roving ? body : NO_BODY);

  useEffect(() => {
    const panel = ref.current;
    if (panel && !panel.contains(document.activeElement)) panel.focus({ preventScroll: true });
    return () => restoreFocus(opener);
  }, [opener]);

  return (
    <aside
      ref={ref}
      className="side-panel"
      aria-labelledby={titleId}
      role={modal ? "dialog" : "complementary"}
      aria-modal={modal ? true : undefined}
      tabIndex={-1}
      onKeyDown={modal ? (e) => ref.current && trapTab(e, ref.current) : undefined}
      data-testid={testId}
    >
      <header className="panel-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t("common.close")}>
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="panel-body" ref={body} onKeyDown={onBodyKeyDown}>
        {children}
      </div>
      {footer}
    </aside>
  );
}

const NO_BODY = { current: null };

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", notify);
      return () => list.removeEventListener("change", notify);
    },
    () => window.matchMedia(query).matches,
  );
}
