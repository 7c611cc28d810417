import { describe, expect, it } from "vitest";
import { unreadMembers } from "./receipts";
import { message } from "../../core/testing";
import type { MemberDto } from "../../api/types";

const member = (userId: number, readSeq: number): MemberDto => ({ userId, username: `u${userId}`, displayName: `U${userId}`, role: "member", readSeq, muted: false, joinedAt: "" });

describe("unreadMembers", () => {
  it("excludesSender_AndThoseWhoReadIt", () => {
    const m = message(5, 5, { senderId: 1 });
    const result = unreadMembers(m, [member(1, 0), member(2, 5), member(3, 4), member(4, 9)]);
    expect(result.map((x) => x.userId)).toEqual([3]);
  });
});
