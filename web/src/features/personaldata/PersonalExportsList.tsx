// The personal data exports the caller asked for, with progress while they are written and a download once done.
// Used by the settings dialog (one's own) and the admin console (an officer's exports of other users' data).
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { downloadPersonalExport, sizeText, type PersonalExport } from "./personalDataActions";

export function exportState(t: (key: string, options?: Record<string, unknown>) => string, x: PersonalExport): string {
  switch (x.status) {
    case "done":
      return t("personalData.done", { messages: x.messages, files: x.files, size: sizeText(x.bytes) });
    case "failed":
      return t("personalData.failed", { error: x.error ?? "" });
    case "running":
      return t("personalData.running", { messages: x.messages, total: x.total });
    case "expired":
      return t("personalData.expired");
    default:
      return t("personalData.queued");
  }
}

export function PersonalExportsList({ exports, showSubject, onError }: { exports: PersonalExport[]; showSubject: boolean; onError: (err: unknown) => void }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list personal-exports" data-testid="personal-exports">
      {exports.map((x) => (
        <li key={x.id} className="row" data-export-id={x.id} data-status={x.status}>
          <span className="grow">
            {showSubject && <strong>@{x.subjectUsername ?? x.subjectId} · </strong>}
            {formatDateTime(x.createdAt)} · <span className="muted">{exportState(t, x)}</span>
            {x.status === "done" && x.expiresAt && <span className="muted"> · {t("personalData.expiresAt", { at: formatDateTime(x.expiresAt) })}</span>}
          </span>
          {x.status === "done" && (
            <button type="button" onClick={() => void downloadPersonalExport(x).catch(onError)}>
              {t("personalData.download")}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
