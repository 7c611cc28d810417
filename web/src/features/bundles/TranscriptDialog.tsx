import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BundleFileDto, BundleTranscriptDto, MessageDto } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { Dialog } from "../../ui/Dialog";
import { ChevronLeft, FileKindIcon, Forward } from "../../ui/icons";
import { errorMessage } from "../auth/errorMessage";
import { fileKind } from "../files/fileKinds";
import { NameAndSize } from "../files/Attachments";
import { MessageBody } from "../messages/MessageBody";
import { BundleCard } from "./BundleCard";
import { bundleThumbnailUrl, downloadBundleFile, loadTranscript } from "./bundleActions";
import { bundleTitle } from "./bundleTitle";

/**
 * The read-only transcript of a bundle message: senders, times, texts (the same markdown and sanitising as messages),
 * files downloaded through the bundle's own route, nested bundles opened in place (Back returns), and Forward, which
 * re-forwards the whole bundle message.
 */
export default function TranscriptDialog({ message, onClose, onForward }: { message: MessageDto; onClose: () => void; onForward: (m: MessageDto) => void }) {
  const { t } = useTranslation();
  // The nested bundles opened, innermost last; null is the bundle message itself.
  const [path, setPath] = useState<(number | null)[]>([null]);
  const [transcript, setTranscript] = useState<BundleTranscriptDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const itemId = path[path.length - 1] ?? null;

  useEffect(() => {
    let live = true;
    setTranscript(null);
    setError(null);
    loadTranscript(message.id, itemId)
      .then((loaded) => live && setTranscript(loaded))
      .catch((err: unknown) => live && setError(errorMessage(t, err)));
    return () => {
      live = false;
    };
  }, [message.id, itemId]);

  const title = transcript ? bundleTitle(transcript, t) : message.bundle ? bundleTitle(message.bundle, t) : t("bundle.footer");
  return (
    <Dialog title={title} onClose={onClose} wide className="transcript-dialog">
      <div className="transcript-bar">
        {path.length > 1 && (
          <button type="button" onClick={() => setPath((p) => p.slice(0, -1))} data-testid="transcript-back">
            <ChevronLeft size={15} aria-hidden="true" /> {t("bundle.back")}
          </button>
        )}
        <span className="grow" />
        <button type="button" onClick={() => onForward(message)} data-testid="transcript-forward">
          <Forward size={15} aria-hidden="true" /> {t("bundle.forward")}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!transcript && !error && <p className="muted">{t("common.loading")}</p>}
      {transcript && (
        <ol className="transcript" data-testid="transcript">
          {transcript.items.length === 0 && <li className="muted">{t("bundle.empty")}</li>}
          {transcript.items.map((item) => (
            <li key={item.id} className="transcript-item" data-testid="transcript-item">
              <div className="transcript-head">
                <strong>{item.senderName}</strong>
                <time className="muted small" dateTime={item.createdAt}>
                  {formatDateTime(item.createdAt)}
                </time>
              </div>
              {item.text && <MessageBody text={item.text} />}
              {item.files.length > 0 && (
                <ul className="attachments" role="list">
                  {item.files.map((f) => (
                    <li key={f.id}>
                      <BundleFile messageId={message.id} file={f} />
                    </li>
                  ))}
                </ul>
              )}
              {item.bundle && <BundleCard bundle={item.bundle} onOpen={() => setPath((p) => [...p, item.id])} />}
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}

function BundleFile({ messageId, file }: { messageId: number; file: BundleFileDto }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const [thumb, setThumb] = useState<string | null>(null);
  const kind = fileKind(file);

  useEffect(() => {
    if (!file.hasThumbnail) return;
    let url: string | null = null;
    let live = true;
    bundleThumbnailUrl(messageId, file)
      .then((u) => {
        url = u;
        if (live) setThumb(u);
        else URL.revokeObjectURL(u);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [messageId, file.id]);

  const download = () => {
    setFailed(false);
    downloadBundleFile(messageId, file).catch(() => setFailed(true));
  };
  return (
    <div className="file-card" data-testid="bundle-file">
      <span className="file-icon" aria-hidden="true">
        {thumb ? <img src={thumb} alt="" width={40} height={40} className="bundle-thumb" /> : <FileKindIcon kind={kind} />}
      </span>
      <span className="file-meta">
        <NameAndSize name={file.name} size={file.size} />
        {failed && <span className="error small"> {t("files.failed")}</span>}
      </span>
      <button type="button" className="link-button" onClick={download} aria-label={`${t("bundle.download")} ${file.name}`} data-testid="bundle-file-download">
        {t("bundle.download")}
      </button>
    </div>
  );
}
