// Admin console → Invitations: the calls its section makes.
import { directoryApi, invitationsApi } from "../../../api/endpoints";
import type { CreateInvitationRequest, CreatedInvitationDto, DepartmentDto, InvitationDto } from "../../../api/types";

export const loadInvitations = async (): Promise<InvitationDto[]> => (await invitationsApi.list()).items;
export const loadDepartments = async (): Promise<DepartmentDto[]> => (await directoryApi.departments()).items;
export const createInvitation = (body: CreateInvitationRequest): Promise<CreatedInvitationDto> => invitationsApi.create(body);
export const revokeInvitation = (id: number): Promise<void> => invitationsApi.revoke(id);

/** The link the invitee opens: this server's origin and the path the server returned (/invite/<token>). */
export const inviteLink = (path: string, origin = window.location.origin): string => origin + path;
