// Checkbox mode (多选) of a conversation: which messages are picked, kept in conversation order for forwarding.
import type { MessageDto } from "../../api/types";

export type Selection = ReadonlySet<number>;

export function toggleSelected(selection: Selection | null, id: number): Set<number> {
  const next = new Set(selection ?? []);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** The selected messages still shown (not deleted or recalled meanwhile), oldest first. */
export function selectedInOrder(messages: readonly MessageDto[], selection: Selection): MessageDto[] {
  return messages.filter((m) => selection.has(m.id) && m.deletedAt === null && m.recalledAt === null).sort((a, b) => a.seq - b.seq);
}
