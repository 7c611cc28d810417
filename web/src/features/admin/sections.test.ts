import { describe, expect, it } from "vitest";
import { adminSections, visibleSections } from "./sections";

describe("admin sections", () => {
  it("visibleSections_MemberWithoutPermissions_SeesNothing", () => {
    expect(visibleSections({ permissions: [] })).toEqual([]);
    expect(visibleSections(null)).toEqual([]);
  });
  it("visibleSections_UserAdmin_SeesUsers", () => {
    expect(visibleSections({ permissions: ["users.manage"] }).map((s) => s.id)).toContain("users");
  });
  it("sectionIds_AreRouteSafeAndUnique", () => {
    const ids = adminSections.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
  });
});
