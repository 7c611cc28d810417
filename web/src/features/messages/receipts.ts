import type { MemberDto, MessageDto } from "../../api/types";

/** Members other than the sender whose read position is still before this message. */
export function unreadMembers(message: MessageDto, members: MemberDto[]): MemberDto[] {
  return members.filter((m) => m.userId !== message.senderId && m.readSeq < message.seq);
}
