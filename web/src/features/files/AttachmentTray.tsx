import { useTranslation } from "react-i18next";
import { NameAndSize } from "./Attachments";
import { fileKind } from "./fileKinds";
import { percent, type TrayItem } from "./tray";
import { removeAttachment, retryAttachment } from "./uploadActions";
import { uploadErrorKey } from "./uploadErrors";
import { FileKindIcon, X } from "../../ui/icons";

/** The composer's pending attachments: preview, progress, cancel/remove, and the reason plus Retry when one failed. */
export function AttachmentTray({ draftKey, items }: { draftKey: string; items: TrayItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <ul className="attachment-tray" aria-label={t("files.tray")} data-testid="attachment-tray">
      {items.map((item) => (
        <li key={item.key} className={`tray-item ${item.status}`} data-testid="tray-item" data-status={item.status}>
          {item.previewUrl ? (
            <img src={item.previewUrl} alt="" className="tray-preview" />
          ) : (
            <span className="tray-preview file-icon" aria-hidden="true">
              <FileKindIcon kind={fileKind({ contentType: item.type })} />
            </span>
          )}
          <span className="tray-meta">
            <NameAndSize name={item.name} size={item.size} />
            {item.status === "uploading" && (
              <progress max={100} value={percent(item)} aria-label={t("files.uploading", { name: item.name, percent: percent(item) })} />
            )}
            {item.status === "done" && <span className="muted small">{t("files.uploaded")}</span>}
            {item.status === "failed" && (
              <span className="error small" role="alert">
                {t(uploadErrorKey(item.error))}
              </span>
            )}
          </span>
          {item.status === "failed" && (
            <button type="button" className="link-button" onClick={() => retryAttachment(draftKey, item.key)} data-testid="tray-retry">
              {t("files.retry")}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            onClick={() => removeAttachment(draftKey, item.key)}
            aria-label={item.status === "uploading" ? t("files.cancel", { name: item.name }) : t("files.remove", { name: item.name })}
            data-testid="tray-remove"
          >
            <X size={16} aria-hidden="true" />
          </button>
        </li>
      ))}
    </ul>
  );
}
