import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FileDto } from "../../api/types";
import { FileKindIcon } from "../../ui/icons";
import { fileKind, formatSize, thumbnailBox } from "./fileKinds";
import { downloadFile, linkCache, useFileLinks } from "./fileLinks";
import { openViewer } from "./viewer";

/**
 * A message's files: images as thumbnails (their box reserved from width/height, so the list does not jump when
 * they load) that open the viewer; video and audio playing inline; everything else as a card with a download.
 * Every URL is a short-lived signed link (fileLinks.ts): <img> and <video> cannot send the bearer token.
 */
export function Attachments({ files }: { files: FileDto[] }) {
  const viewable = files.filter((f) => fileKind(f) === "image");
  return (
    <ul className="attachments" role="list">
      {files.map((file) => (
        <li key={file.id}>
          <Attachment file={file} onOpen={() => openViewer(fileKind(file) === "image" ? viewable : [file], Math.max(0, viewable.indexOf(file)))} />
        </li>
      ))}
    </ul>
  );
}

/**
 * Re-asks for a link when the element fails to load: once for any failure (the key was rotated), and again whenever
 * the link in use has expired (a conversation left open for hours), but never in a loop over a link that is fresh.
 */
function useRefreshingLinks(id: number) {
  const [version, setVersion] = useState(0);
  const retried = useRef(false);
  const links = useFileLinks(id, version);
  const onError = () => {
    const expired = links !== null && Date.parse(links.expiresAt) <= Date.now();
    if (retried.current && !expired) return;
    retried.current = true;
    linkCache.invalidate(id);
    setVersion((v) => v + 1);
  };
  return { links, onError };
}

function Attachment({ file, onOpen }: { file: FileDto; onOpen: () => void }) {
  const kind = fileKind(file);
  if (kind === "image" && file.hasThumbnail) return <ImageAttachment file={file} onOpen={onOpen} />;
  if (kind === "video" || kind === "audio") return <MediaAttachment file={file} kind={kind} />;
  return <FileCard file={file} onPreview={kind === "pdf" || kind === "text" || kind === "image" ? onOpen : undefined} />;
}

function ImageAttachment({ file, onOpen }: { file: FileDto; onOpen: () => void }) {
  const { t } = useTranslation();
  const { links, onError } = useRefreshingLinks(file.id);
  const box = thumbnailBox(file.width, file.height);
  return (
    <button type="button" className="attachment-image" style={box} onClick={onOpen} aria-label={t("files.openImage", { name: file.name })} data-testid="attachment-image">
      {links?.thumbnailUrl && <img src={links.thumbnailUrl} alt={file.name} width={box.width} height={box.height} loading="lazy" decoding="async" onError={onError} />}
    </button>
  );
}

function MediaAttachment({ file, kind }: { file: FileDto; kind: "video" | "audio" }) {
  const { links, onError } = useRefreshingLinks(file.id);
  const src = links?.inlineUrl ?? undefined;
  return (
    <div className={`attachment-media ${kind}`}>
      {kind === "video" ? (
        <video controls preload="metadata" src={src} onError={onError} aria-label={file.name} data-testid="attachment-video" />
      ) : (
        <audio controls preload="none" src={src} onError={onError} aria-label={file.name} data-testid="attachment-audio" />
      )}
      <FileCard file={file} compact />
    </div>
  );
}

export function FileCard({ file, onPreview, compact }: { file: FileDto; onPreview?: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const download = () => {
    setFailed(false);
    downloadFile(file.id, file.name).catch(() => setFailed(true));
  };
  return (
    <div className={`file-card${compact ? " compact" : ""}`} data-testid="file-card">
      {!compact && (
        <span className="file-icon" aria-hidden="true">
          <FileKindIcon kind={fileKind(file)} />
        </span>
      )}
      <span className="file-meta">
        <NameAndSize name={file.name} size={file.size} />
        {failed && <span className="error small"> {t("files.failed")}</span>}
      </span>
      {onPreview && (
        <button type="button" className="link-button" onClick={onPreview}>
          {t("files.preview")}
        </button>
      )}
      <button type="button" className="link-button" onClick={download} aria-label={`${t("files.download")} ${file.name}`} data-testid="file-download">
        {t("files.download")}
      </button>
    </div>
  );
}

/** A file's name (ellipsised, full name on hover) and its size. */
export function NameAndSize({ name, size }: { name: string; size: number }) {
  return (
    <>
      <span className="file-name" title={name}>
        {name}
      </span>
      <span className="muted small">{formatSize(size)}</span>
    </>
  );
}
