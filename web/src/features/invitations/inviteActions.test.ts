import { describe, expect, it } from "vitest";
import { inviteToken } from "./inviteActions";

describe("inviteToken", () => {
  it("reads the token of an invitation link and nothing else", () => {
    expect(inviteToken("/invite/pli_AbC-123_xyz")).toBe("pli_AbC-123_xyz");
    expect(inviteToken("/invite/pli_AbC-123_xyz/")).toBe("pli_AbC-123_xyz");
    expect(inviteToken("/")).toBeNull();
    expect(inviteToken("/invite/")).toBeNull();
    expect(inviteToken("/invite/short")).toBeNull();
    expect(inviteToken("/invite/pli_x%27y")).toBeNull();
  });
});
