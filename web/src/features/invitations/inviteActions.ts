// The invitee's page: read what the link prefills, then accept it (which signs the new account in).
import { invitationsApi } from "../../api/endpoints";
import type { InvitationPreviewDto } from "../../api/types";
import { saveSession, type StoredSession } from "../auth/session";

/** The token of an invitation link (/invite/<token>), or null on any other page. */
export function inviteToken(pathname: string): string | null {
  const m = /^\/invite\/([A-Za-z0-9_-]{8,100})\/?$/.exec(pathname);
  return m?.[1] ?? null;
}

export const previewInvitation = (token: string): Promise<InvitationPreviewDto> => invitationsApi.preview(token);

export async function acceptInvitation(token: string, username: string, displayName: string, password: string): Promise<StoredSession> {
  return saveSession(await invitationsApi.accept(token, { username, displayName: displayName || null, password }));
}
