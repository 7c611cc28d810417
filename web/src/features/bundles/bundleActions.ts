// Merge-forward and the bundle transcript: the only network calls of the feature.
import { bundlesApi } from "../../api/endpoints";
import type { BundleFileDto, BundleTranscriptDto, MessageDto } from "../../api/types";
import { newClientMsgId } from "../../core";
import { saveFile } from "../admin/saveFile";
import { forwardMessage } from "../messages/messageActions";

/** The server's limit (BundleSnapshot.MaxMessages); it refuses more with bundle_too_large. */
export const MAX_BUNDLE_MESSAGES = 100;

export function forwardBundle(targetId: number, sourceId: number, messageIds: number[], comment: string): Promise<MessageDto> {
  return bundlesApi.forward(targetId, { sourceConversationId: sourceId, messageIds, comment: comment || null, clientMsgId: newClientMsgId() });
}

/** "Forward one by one": each message in its own forward, in conversation order; the comment goes with the first. */
export async function forwardEach(targetId: number, messageIds: number[], comment: string): Promise<void> {
  for (const [i, id] of messageIds.entries()) await forwardMessage(id, targetId, i === 0 ? comment : "");
}

export function loadTranscript(messageId: number, itemId: number | null): Promise<BundleTranscriptDto> {
  return bundlesApi.transcript(messageId, itemId);
}

/** Downloads a file of a bundle through the bundle's route (with the bearer token) and saves it under its name. */
export async function downloadBundleFile(messageId: number, file: BundleFileDto): Promise<void> {
  saveFile(file.name, await bundlesApi.file(messageId, file.id));
}

/** An object URL of an image's thumbnail (an <img> cannot send the bearer token); revoke it when done. */
export async function bundleThumbnailUrl(messageId: number, file: BundleFileDto): Promise<string> {
  return URL.createObjectURL(await bundlesApi.thumbnail(messageId, file.id));
}
