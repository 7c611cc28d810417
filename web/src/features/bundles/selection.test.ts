import { describe, expect, it } from "vitest";
import type { MessageDto } from "../../api/types";
import { selectedInOrder, toggleSelected } from "./selection";

const message = (id: number, seq: number, gone = false) => ({ id, seq, deletedAt: gone ? "2026-01-01T00:00:00Z" : null, recalledAt: null }) as MessageDto;

describe("selection", () => {
  it("toggles ids without changing the previous set", () => {
    const first = toggleSelected(null, 5);
    const second = toggleSelected(first, 7);
    expect([...first]).toEqual([5]);
    expect([...toggleSelected(second, 5)]).toEqual([7]);
  });

  it("gives the live selected messages in conversation order, whatever order they were picked in", () => {
    const messages = [message(1, 10), message(2, 11, true), message(3, 12), message(4, 13)];
    expect(selectedInOrder(messages, new Set([4, 2, 1])).map((m) => m.id)).toEqual([1, 4]);
  });
});
