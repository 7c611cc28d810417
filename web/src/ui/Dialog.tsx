import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { X } from "./icons";
import { restoreFocus, trapTab } from "./focus";

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** Extra class on the dialog box (the image viewer fills the screen). */
  className?: string;
  /** Keys the dialog itself does not use (Escape and Tab are handled here), e.g. arrows in the image viewer. */
  onKey?: (e: React.KeyboardEvent) => void;
  /** Only text to read, which may scroll on a phone: the body itself is the Tab stop, so arrow keys can scroll it. */
  scrollable?: boolean;
}

/** Modal dialog: labelled, closes on Escape or backdrop click, keeps Tab inside, gives focus back on close. */
export function Dialog({ title, onClose, children, wide, className, onKey, scrollable }: DialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement;
    const node = ref.current;
    const first = node?.querySelector<HTMLElement>("input, textarea, select, button:not(.dialog-close), [tabindex='0']");
    (first ?? node)?.focus();
    // Back to the opener; when it is gone (the switcher opened a conversation) or was the page itself, to the message box.
    return () => restoreFocus(previous);
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== "Tab") onKey?.(e);
    if (ref.current) trapTab(e, ref.current);
  };

  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className={`dialog${wide ? " wide" : ""}${className ? ` ${className}` : ""}`} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown}>
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button dialog-close" onClick={onClose} aria-label={t("common.close")}>
            <X size={16} aria-hidden="true" />
          </button>
        </header>
        <div className="dialog-body" tabIndex={scrollable ? 0 : undefined}>
          {children}
        </div>
      </div>
    </div>
  );
}
