// The department tree from the server's flat list (each with parentId).
import type { DepartmentDto } from "../../api/types";

export interface DepartmentNode {
  department: DepartmentDto;
  children: DepartmentNode[];
  depth: number;
}

/** Roots first, children under their parent sorted by name; a department whose parent is missing shows at the top. */
export function buildTree(departments: readonly DepartmentDto[]): DepartmentNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const byParent = new Map<number | null, DepartmentDto[]>();
  for (const d of departments) {
    const parent = d.parentId != null && ids.has(d.parentId) ? d.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), d]);
  }
  const seen = new Set<number>();
  const build = (parent: number | null, depth: number): DepartmentNode[] =>
    (byParent.get(parent) ?? [])
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name))
      .filter((d) => !seen.has(d.id) && seen.add(d.id))
      .map((d) => ({ department: d, depth, children: build(d.id, depth + 1) }));
  return build(null, 0);
}

/** The tree in display order, depth-first (for lists and parent pickers). */
export function flatten(nodes: readonly DepartmentNode[]): DepartmentNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** Ids of a department and everything under it (a department cannot move there). */
export function subtreeIds(departments: readonly DepartmentDto[], id: number): Set<number> {
  const result = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments) {
      if (d.parentId != null && result.has(d.parentId) && !result.has(d.id)) {
        result.add(d.id);
        grew = true;
      }
    }
  }
  return result;
}
