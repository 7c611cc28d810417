import type { TFunction } from "i18next";
import type { ConversationDto, UserDto } from "../../api/types";

/** The other person in a direct conversation (myself for a note-to-self). */
export function directPartner(conv: ConversationDto, meId: number): number | null {
  if (conv.kind !== "direct") return null;
  const ids = conv.directUserIds ?? [];
  return ids.find((id) => id !== meId) ?? ids[0] ?? null;
}

export function conversationTitle(conv: ConversationDto, users: Record<number, UserDto>, meId: number, t: TFunction): string {
  const partner = directPartner(conv, meId);
  if (partner !== null) return users[partner]?.displayName ?? conv.name ?? t("conversation.loadingName");
  if (conv.name) return conv.name;
  return t("conversation.untitled");
}

export function displayName(users: Record<number, UserDto>, id: number, t: TFunction): string {
  return users[id]?.displayName ?? t("common.userFallback", { id });
}
