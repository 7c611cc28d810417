import { SidePanel } from "../../ui/SidePanel";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FileDto } from "../../api/types";
import { useChat } from "../../core";
import { formatDateTime } from "../../i18n/format";
import { errorMessage } from "../auth/errorMessage";
import { displayName } from "../conversations/title";
import { FileKindIcon } from "../../ui/icons";
import { fileKind, formatSize } from "./fileKinds";
import { downloadFile, useFileLinks } from "./fileLinks";
import { loadFilesPage } from "./filesActions";
import { openViewer } from "./viewer";

const SEARCH_DEBOUNCE_MS = 300;

interface Listing {
  items: FileDto[];
  more: boolean;
}

/** Files shared in the conversation, newest first, searchable by name, paged with beforeId. */
export function FilesPanel({ conversationId, onClose }: { conversationId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const users = useChat((s) => s.users);
  // Reload when a message with files arrives (or one is deleted) in the loaded timeline.
  const signature = useChat((s) => (s.timelines[conversationId]?.messages ?? []).flatMap((m) => (m.files ?? []).map((f) => f.id)).join(","));
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const [listing, setListing] = useState<Listing | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const generation = useRef(0);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    const mine = ++generation.current; // answers to an older search are dropped
    setFailure(null);
    loadFilesPage(conversationId, search, null)
      .then((page) => mine === generation.current && setListing(page))
      .catch((error: unknown) => mine === generation.current && setFailure(error));
  }, [conversationId, search, signature]);

  const loadMore = () => {
    const last = listing?.items.at(-1);
    if (!listing || !last) return;
    const mine = generation.current;
    setLoadingMore(true);
    loadFilesPage(conversationId, search, last.id)
      .then((page) => mine === generation.current && setListing({ items: [...listing.items, ...page.items], more: page.more }))
      .catch((error: unknown) => mine === generation.current && setFailure(error))
      .finally(() => setLoadingMore(false));
  };

  const open = (file: FileDto) => {
    const kind = fileKind(file);
    if (kind === "other") {
      void downloadFile(file.id, file.name).catch((error: unknown) => setFailure(error));
      return;
    }
    const images = (listing?.items ?? []).filter((f) => fileKind(f) === "image");
    if (kind === "image") openViewer(images, Math.max(0, images.indexOf(file)));
    else openViewer([file], 0);
  };

  return (
    <SidePanel title={t("files.panelTitle")} testId="files-panel" onClose={onClose}>
      <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("files.search")} aria-label={t("files.search")} data-testid="files-search" />
      {failure !== null && (
        <p className="error" role="alert">
          {errorMessage(t, failure)}
        </p>
      )}
      {listing === null && failure === null && <p className="muted">{t("common.loading")}</p>}
      {listing?.items.length === 0 && <p className="muted">{search ? t("files.noMatches") : t("files.empty")}</p>}
      <ul className="plain-list files-list">
        {listing?.items.map((file) => (
          <li key={file.id}>
            <button type="button" className="file-row" onClick={() => open(file)} data-testid="file-row">
              <FileThumb file={file} />
              <span className="file-meta">
                <span className="file-name" title={file.name}>
                  {file.name}
                </span>
                <span className="muted small">
                  {formatSize(file.size)} · {t("files.sharedBy", { name: displayName(users, file.uploaderId, t), date: formatDateTime(file.createdAt) })}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {listing?.more && (
        <button type="button" onClick={loadMore} disabled={loadingMore} data-testid="files-more">
          {loadingMore ? t("common.loading") : t("files.loadMore")}
        </button>
      )}
    </SidePanel>
  );
}

function FileThumb({ file }: { file: FileDto }) {
  const isImage = fileKind(file) === "image" && file.hasThumbnail;
  const links = useFileLinks(isImage ? file.id : null);
  if (isImage && links?.thumbnailUrl) return <img src={links.thumbnailUrl} alt="" className="file-thumb" width={40} height={40} loading="lazy" />;
  return (
    <span className="file-thumb file-icon" aria-hidden="true">
      <FileKindIcon kind={fileKind(file)} />
    </span>
  );
}
