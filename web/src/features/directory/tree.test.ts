import { describe, expect, it } from "vitest";
import { buildTree, flatten, subtreeIds } from "./tree";

const d = (id: number, name: string, parentId: number | null = null) => ({ id, name, parentId, memberCount: 0 });

describe("department tree", () => {
  const list = [d(3, "后端组", 2), d(1, "总公司"), d(2, "研发部", 1), d(4, "Sales", 1), d(5, "Orphan", 99)];

  it("buildTree_NestsByParent_OrphansAtTop", () => {
    const flat = flatten(buildTree(list)).map((n) => `${"-".repeat(n.depth)}${n.department.name}`);
    expect(flat).toEqual(["Orphan", "总公司", "-Sales", "-研发部", "--后端组"]);
  });

  it("subtreeIds_IncludesDescendants", () => {
    expect([...subtreeIds(list, 1)].sort()).toEqual([1, 2, 3, 4]);
    expect([...subtreeIds(list, 3)]).toEqual([3]);
  });

  it("buildTree_SurvivesACycle", () => {
    expect(flatten(buildTree([d(1, "a", 2), d(2, "b", 1)]))).toEqual([]);
  });
});
