import { useTranslation } from "react-i18next";
import { Forward, MessagesSquare, X } from "../../ui/icons";
import { MAX_BUNDLE_MESSAGES } from "./bundleActions";

/** The bottom bar of checkbox mode: how many are picked, forward them one by one or merged, or cancel (Escape too). */
export function SelectionBar({ count, onOneByOne, onMerge, onCancel }: { count: number; onOneByOne: () => void; onMerge: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const tooMany = count > MAX_BUNDLE_MESSAGES;
  return (
    <div className="selection-bar" role="toolbar" aria-label={t("bundle.selected", { count })} data-testid="selection-bar"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        }
      }}>
      <span className="selection-count" aria-live="polite" data-testid="selection-count">
        {t("bundle.selected", { count })}
        {tooMany && <span className="error small"> {t("bundle.tooMany", { max: MAX_BUNDLE_MESSAGES })}</span>}
      </span>
      <span className="grow" />
      <button type="button" onClick={onOneByOne} disabled={count === 0} data-testid="forward-each">
        <Forward size={15} aria-hidden="true" /> {t("bundle.oneByOne")}
      </button>
      <button type="button" className="primary" onClick={onMerge} disabled={count === 0 || tooMany} data-testid="forward-merge">
        <MessagesSquare size={15} aria-hidden="true" /> {t("bundle.merge")}
      </button>
      <button type="button" onClick={onCancel} data-testid="selection-cancel">
        <X size={15} aria-hidden="true" /> {t("common.cancel")}
      </button>
    </div>
  );
}
