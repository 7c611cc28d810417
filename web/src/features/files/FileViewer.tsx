import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { fetchText } from "../../api/http";
import type { FileDto, FileLinksDto } from "../../api/types";
import { Dialog } from "../../ui/Dialog";
import { fileKind, formatSize } from "./fileKinds";
import { downloadFile, useFileLinks } from "./fileLinks";
import { closeViewer, stepViewer, useViewer } from "./viewer";
import { ChevronLeft, ChevronRight } from "../../ui/icons";

/** How much of a text file the preview fetches (a Range request): enough to read, not a whole log. */
const TEXT_PREVIEW_BYTES = 256 * 1024;

/** Mounted once per conversation view; shows whatever openViewer() asked for, above everything (a portal). */
export function FileViewerHost() {
  const state = useViewer();
  const file = state?.files[state.index];
  if (!state || !file) return null;
  return createPortal(<FileViewer file={file} index={state.index} count={state.files.length} />, document.body);
}

/** A dialog (focus kept inside, Escape closes, focus returns to the opener): image lightbox with ←/→, or a preview. */
function FileViewer({ file, index, count }: { file: FileDto; index: number; count: number }) {
  const { t } = useTranslation();
  const kind = fileKind(file);
  const links = useFileLinks(file.id);
  const [failed, setFailed] = useState(false);
  const title = kind === "image" ? t("files.imageViewer", { index: index + 1, count, name: file.name }) : t("files.previewOf", { name: file.name });
  const onKey = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLMediaElement) return; // arrows seek in a playing video
    if (e.key === "ArrowLeft") stepViewer(-1);
    else if (e.key === "ArrowRight") stepViewer(1);
  };
  return (
    <Dialog title={title} onClose={closeViewer} className="viewer" onKey={onKey}>
      <div className="viewer-stage" data-testid="viewer-stage" key={file.id}>
        {links === null ? <p className="muted">{t("files.loading")}</p> : <Preview file={file} links={links} />}
      </div>
      <div className="dialog-actions viewer-actions">
        <span className="muted small grow">
          {file.name} · {formatSize(file.size)}
        </span>
        {failed && <span className="error small">{t("files.failed")}</span>}
        {count > 1 && (
          <>
            <button type="button" onClick={() => stepViewer(-1)} aria-label={t("files.previous")}>
              <ChevronLeft size={18} aria-hidden="true" />
            </button>
            <button type="button" onClick={() => stepViewer(1)} aria-label={t("files.next")}>
              <ChevronRight size={18} aria-hidden="true" />
            </button>
          </>
        )}
        {kind === "pdf" && links?.inlineUrl && (
          <a href={links.inlineUrl} target="_blank" rel="noopener noreferrer" className="button-link">
            {t("files.openInTab")}
          </a>
        )}
        <button type="button" className="primary" onClick={() => downloadFile(file.id, file.name).catch(() => setFailed(true))} data-testid="viewer-download">
          {t("files.download")}
        </button>
      </div>
    </Dialog>
  );
}

function Preview({ file, links }: { file: FileDto; links: FileLinksDto }) {
  const { t } = useTranslation();
  const url = links.inlineUrl;
  if (!url) return <p className="muted">{t("files.previewFailed")}</p>;
  switch (fileKind(file)) {
    case "image":
      return <img src={url} alt={file.name} className="viewer-image" data-testid="viewer-image" />;
    case "video":
      return <video src={url} controls className="viewer-media" aria-label={file.name} />;
    case "audio":
      return <audio src={url} controls aria-label={file.name} />;
    case "pdf":
      // The browser's own PDF viewer; the response is served inline only to signed inline links, with a sandboxing CSP.
      return (
        <object data={url} type="application/pdf" className="viewer-pdf" aria-label={file.name}>
          <p className="muted">{t("files.pdfFallback")}</p>
        </object>
      );
    case "text":
      return <TextPreview url={url} />;
    default:
      return <p className="muted">{t("files.previewFailed")}</p>;
  }
}

/** The text is put in the page as a text node, never parsed as HTML. */
function TextPreview({ url }: { url: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ text: string; truncated: boolean } | "failed" | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetchText(url, TEXT_PREVIEW_BYTES)
      .then((result) => !cancelled && setState(result))
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
    };
  }, [url]);
  if (state === null) return <p className="muted">{t("files.loading")}</p>;
  if (state === "failed") return <p className="error">{t("files.previewFailed")}</p>;
  return (
    <>
      <pre className="viewer-text" tabIndex={0} data-testid="viewer-text">
        {state.text}
      </pre>
      {state.truncated && <p className="muted small">{t("files.truncated")}</p>}
    </>
  );
}
