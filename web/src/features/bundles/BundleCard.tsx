import { useTranslation } from "react-i18next";
import type { BundleDto } from "../../api/types";
import { MessagesSquare } from "../../ui/icons";
import { bundleTitle } from "./bundleTitle";

/**
 * A forwarded bundle as a card (as Feishu and WeChat show one): the title, the first few lines as "name: text", and a
 * "Chat history" footer. The whole card is one button that opens the transcript.
 */
export function BundleCard({ bundle, onOpen }: { bundle: BundleDto; onOpen: () => void }) {
  const { t } = useTranslation();
  const title = bundleTitle(bundle, t);
  return (
    <button type="button" className="bundle-card" onClick={onOpen} aria-label={t("bundle.open", { title })} data-testid="bundle-card">
      <span className="bundle-title">{title}</span>
      <span className="bundle-preview">
        {bundle.preview.map((line, i) => (
          <span key={i} className="bundle-line">
            {line.senderName}: {line.text || (line.isBundle ? t("bundle.nested") : line.fileCount > 0 ? t("bundle.files", { count: line.fileCount }) : "")}
          </span>
        ))}
      </span>
      <span className="bundle-footer muted small">
        <MessagesSquare size={13} aria-hidden="true" /> {t("bundle.footer")}
      </span>
    </button>
  );
}
