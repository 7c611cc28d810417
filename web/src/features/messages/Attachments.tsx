import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { filesApi } from "../../api/endpoints";
import type { FileDto } from "../../api/types";

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Files attached to a message: image thumbnails and a download button, both fetched with the session's token. */
export function Attachments({ files }: { files: FileDto[] }) {
  return (
    <ul className="attachments" role="list">
      {files.map((file) => (
        <li key={file.id}>
          <Attachment file={file} />
        </li>
      ))}
    </ul>
  );
}

function Attachment({ file }: { file: FileDto }) {
  const { t } = useTranslation();
  const [thumb, setThumb] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!file.hasThumbnail) return;
    let url: string | null = null;
    let cancelled = false;
    filesApi
      .thumbnail(file.id)
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setThumb(url);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [file.id, file.hasThumbnail]);

  const download = async () => {
    try {
      const url = URL.createObjectURL(await filesApi.download(file.id));
      const link = document.createElement("a");
      link.href = url;
      link.download = file.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    }
  };

  return (
    <div className="attachment">
      {thumb && <img src={thumb} alt={file.name} width={file.width ?? undefined} height={file.height ?? undefined} className="attachment-thumb" />}
      <button type="button" className="link-button" onClick={() => void download()} title={t("files.download")}>
        📎 {file.name}
      </button>
      <span className="muted small"> {formatSize(file.size)}</span>
      {failed && <span className="error small"> {t("files.failed")}</span>}
    </div>
  );
}
