// Signed file URLs (POST /files/{id}/links), fetched lazily for attachments that are rendered and cached until
// shortly before they expire. Concurrent asks for one file share one request.
import { useEffect, useState } from "react";
import { filesApi } from "../../api/endpoints";
import type { FileLinksDto } from "../../api/types";

/** Stop handing out a link this long before it expires: a video started now still has time to buffer. */
export const REFRESH_MARGIN_MS = 60_000;

export class LinkCache {
  private readonly entries = new Map<number, FileLinksDto>();
  private readonly inflight = new Map<number, Promise<FileLinksDto>>();

  constructor(
    private readonly fetchLinks: (id: number) => Promise<FileLinksDto>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached links if still fresh enough to use. */
  peek(id: number): FileLinksDto | null {
    const entry = this.entries.get(id);
    return entry && Date.parse(entry.expiresAt) - REFRESH_MARGIN_MS > this.now() ? entry : null;
  }

  get(id: number): Promise<FileLinksDto> {
    const fresh = this.peek(id);
    if (fresh) return Promise.resolve(fresh);
    let pending = this.inflight.get(id);
    if (!pending) {
      pending = this.fetchLinks(id)
        .then((links) => {
          this.entries.set(id, links);
          return links;
        })
        .finally(() => this.inflight.delete(id));
      this.inflight.set(id, pending);
    }
    return pending;
  }

  /** A link failed to load (expired while cached, key rotated): forget it so the next ask fetches a new one. */
  invalidate(id: number): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}

export const linkCache = new LinkCache((id) => filesApi.links(id));

/**
 * The file's signed links, or null while loading (or when the file is gone). `version` forces a new fetch after
 * a media element reported an error with the old link.
 */
export function useFileLinks(id: number | null, version = 0): FileLinksDto | null {
  const [links, setLinks] = useState<FileLinksDto | null>(() => (id === null ? null : linkCache.peek(id)));
  useEffect(() => {
    if (id === null) return;
    let cancelled = false;
    const fresh = linkCache.peek(id);
    if (fresh) {
      setLinks(fresh);
      return;
    }
    linkCache
      .get(id)
      .then((l) => !cancelled && setLinks(l))
      .catch(() => !cancelled && setLinks(null));
    return () => {
      cancelled = true;
    };
  }, [id, version]);
  // Until the effect has caught up with a new id, the state still holds the previous file's links: never show those.
  return links?.fileId === id ? links : null;
}

/** Downloads with the original name: the signed download URL answers Content-Disposition: attachment. */
export async function downloadFile(id: number, name: string): Promise<void> {
  const links = await linkCache.get(id);
  const a = document.createElement("a");
  a.href = links.downloadUrl;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}
