import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { X } from "./icons";

/** The conversation's right-hand panel (thread, members, pins, files): a labelled region with a title and a close button. */
export function SidePanel({ title, testId, onClose, children, footer }: { title: string; testId: string; onClose: () => void; children: ReactNode; footer?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <aside className="side-panel" aria-label={title} data-testid={testId}>
      <header className="panel-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t("common.close")}>
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="panel-body">{children}</div>
      {footer}
    </aside>
  );
}
