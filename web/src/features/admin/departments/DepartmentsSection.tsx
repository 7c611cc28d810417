// Admin console → Departments: build the tree (any depth), rename, move, delete when empty, and manage members.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { directoryApi } from "../../../api/endpoints";
import type { DepartmentDto, DirectoryEntryDto, UserDto } from "../../../api/types";
import { ErrorText } from "../../../ui/ErrorText";
import { errorMessage } from "../../auth/errorMessage";
import { toggleUser, UserPicker } from "../../conversations/UserPicker";
import { departmentMembers, loadDepartments } from "../../directory/directoryActions";
import { DepartmentOptions } from "../../directory/DepartmentOptions";
import { buildTree, flatten, subtreeIds } from "../../directory/tree";
import { useChat } from "../../../core";
import { DepartmentGroupForm } from "../conversations/DepartmentGroupForm";

export default function DepartmentsSection() {
  const { t } = useTranslation();
  const [departments, setDepartments] = useState<DepartmentDto[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [members, setMembers] = useState<DirectoryEntryDto[]>([]);
  const [adding, setAdding] = useState<UserDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const ordered = useMemo(() => flatten(buildTree(departments)), [departments]);
  const selected = departments.find((d) => d.id === selectedId) ?? null;

  const reload = useCallback(() => loadDepartments().then(setDepartments, (err: unknown) => setError(errorMessage(t, err))), [t]);
  const reloadMembers = useCallback((id: number) => departmentMembers(id).then(setMembers, (err: unknown) => setError(errorMessage(t, err))), [t]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    if (selectedId !== null) void reloadMembers(selectedId);
  }, [selectedId, reloadMembers]);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await reload();
      if (selectedId !== null) await reloadMembers(selectedId);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const parent = String(form.get("parent") ?? "");
    void run(async () => {
      const created = await directoryApi.createDepartment(String(form.get("name")).trim(), parent ? Number(parent) : null);
      formEl.reset();
      setSelectedId(created.id);
    });
  };

  return (
    <div data-testid="admin-departments">
      <h2>{t("admin.sections.departments")}</h2>
      <form className="admin-toolbar" onSubmit={create} data-testid="department-create">
        <input name="name" required maxLength={100} placeholder={t("admin.departments.name")} aria-label={t("admin.departments.name")} />
        <select name="parent" aria-label={t("admin.departments.parent")} defaultValue={selectedId ?? ""} key={selectedId ?? "top"}>
          <option value="">{t("admin.departments.top")}</option>
          <DepartmentOptions nodes={ordered} />
        </select>
        <button type="submit" className="primary">
          {t("admin.departments.add")}
        </button>
      </form>
      <ErrorText error={error} />
      <div className="admin-split">
        {/* A tree holds only tree items (axe aria-required-children): the empty state is a paragraph beside it. */}
        {ordered.length === 0 && <p className="muted">{t("directory.noDepartments")}</p>}
        <ul className="admin-tree" role="tree" aria-label={t("admin.sections.departments")} hidden={ordered.length === 0}>
          {ordered.map((n) => (
            <li key={n.department.id} role="treeitem" aria-selected={n.department.id === selectedId} className="tree-row" data-depth={n.depth}>
              <button type="button" className="link-button" style={{ marginInlineStart: n.depth * 16 }} onClick={() => setSelectedId(n.department.id)} data-testid={`admin-dept-${n.department.name}`}>
                {n.department.name}
              </button>
              <span className="muted small"> {n.department.memberCount}</span>
            </li>
          ))}
        </ul>
        {selected && (
          <DepartmentDetail
            key={selected.id}
            department={selected}
            departments={departments}
            members={members}
            adding={adding}
            setAdding={setAdding}
            run={run}
            onDeleted={() => setSelectedId(null)}
          />
        )}
      </div>
    </div>
  );
}

interface DetailProps {
  department: DepartmentDto;
  departments: DepartmentDto[];
  members: DirectoryEntryDto[];
  adding: UserDto[];
  setAdding: (users: UserDto[]) => void;
  run: (action: () => Promise<unknown>) => Promise<void>;
  onDeleted: () => void;
}

function DepartmentDetail({ department, departments, members, adding, setAdding, run, onDeleted }: DetailProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(department.name);
  // A department cannot move under itself or its own sub-departments.
  const canGroup = useChat((s) => s.me?.permissions?.includes("conversations.manage") ?? false);
  const blocked = subtreeIds(departments, department.id);
  const parents = flatten(buildTree(departments)).filter((n) => !blocked.has(n.department.id));

  return (
    <div className="admin-card grow" data-testid="admin-department-detail">
      <form
        className="inline-form wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => directoryApi.updateDepartment(department.id, { name: name.trim() }));
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} aria-label={t("admin.departments.name")} />
        <button type="submit">{t("admin.departments.rename")}</button>
      </form>
      <label className="field inline">
        <span>{t("admin.departments.parent")}</span>
        <select
          value={department.parentId ?? ""}
          onChange={(e) => void run(() => directoryApi.updateDepartment(department.id, e.target.value ? { parentId: Number(e.target.value) } : { moveToTop: true }))}
          data-testid="department-parent"
        >
          <option value="">{t("admin.departments.top")}</option>
          <DepartmentOptions nodes={parents} />
        </select>
      </label>
      <h4>{t("directory.members")}</h4>
      <ul className="plain-list">
        {members.map((m) => (
          <li key={m.id} className="row">
            <span className="grow">
              {m.displayName} <span className="muted">@{m.username}</span>
            </span>
            <button type="button" onClick={() => void run(() => directoryApi.removeMember(department.id, m.id))} aria-label={t("members.remove", { name: m.displayName })}>
              {t("admin.departments.removeMember")}
            </button>
          </li>
        ))}
      </ul>
      <UserPicker selected={adding} exclude={members.map((m) => m.id)} onToggle={(u) => setAdding(toggleUser(adding, u))} />
      <div className="row wrap">
        <button
          type="button"
          className="primary"
          disabled={adding.length === 0}
          onClick={() =>
            void run(async () => {
              for (const u of adding) await directoryApi.addMember(department.id, u.id);
              setAdding([]);
            })
          }
          data-testid="department-add-members"
        >
          {t("admin.departments.addMembers")}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() =>
            void run(async () => {
              await directoryApi.deleteDepartment(department.id);
              onDeleted();
            })
          }
        >
          {t("admin.departments.delete")}
        </button>
      </div>
      {canGroup && <DepartmentGroupForm department={department} />}
    </div>
  );
}
