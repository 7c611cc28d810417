import type { DepartmentNode } from "./tree";

/** The department tree as the options of a select, indented by depth (a select cannot nest). */
export function DepartmentOptions({ nodes }: { nodes: readonly DepartmentNode[] }) {
  return (
    <>
      {nodes.map((n) => (
        <option key={n.department.id} value={n.department.id}>
          {"\u00a0\u00a0".repeat(n.depth) + n.department.name}
        </option>
      ))}
    </>
  );
}
