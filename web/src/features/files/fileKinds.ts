// How a file is shown, decided from the type the server serves it with (never from the name the uploader chose).
import type { FileDto } from "../../api/types";

export type FileKind = "image" | "video" | "audio" | "pdf" | "text" | "other";

export function fileKind(file: Pick<FileDto, "contentType">): FileKind {
  const type = file.contentType.toLowerCase();
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  if (type === "application/pdf") return "pdf";
  if (type.startsWith("text/plain")) return "text";
  return "other";
}


export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/**
 * The box an image attachment occupies before its thumbnail arrives: its own aspect ratio within 320 × 240
 * (the server's thumbnails are at most 320 px a side). Reserving it keeps the virtualized list from jumping.
 */
export function thumbnailBox(width: number | null, height: number | null, maxWidth = 320, maxHeight = 240): { width: number; height: number } {
  if (!width || !height) return { width: 240, height: 180 };
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
