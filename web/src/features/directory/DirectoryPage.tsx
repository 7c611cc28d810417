// The organisation directory (#/directory): search people (names, departments, titles, pinyin) or browse the tree.
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DepartmentDto, DirectoryEntryDto } from "../../api/types";
import { navigate } from "../../app/route";
import { Avatar } from "../../ui/Avatar";
import { ErrorText } from "../../ui/ErrorText";
import { errorMessage } from "../auth/errorMessage";
import { departmentMembers, loadDepartments, searchDirectory } from "./directoryActions";
import { openProfile } from "./profileCard";
import { buildTree, flatten } from "./tree";
import "./directory.css";

export default function DirectoryPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<DirectoryEntryDto[] | null>(null);
  const [departments, setDepartments] = useState<DepartmentDto[]>([]);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [selected, setSelected] = useState<DepartmentDto | null>(null);
  const [members, setMembers] = useState<DirectoryEntryDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const tree = useMemo(() => buildTree(departments), [departments]);

  useEffect(() => {
    loadDepartments().then(setDepartments, (err: unknown) => setError(errorMessage(t, err)));
  }, [t]);

  useEffect(() => {
    if (!query.trim()) {
      setResults(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      searchDirectory(query).then(
        (items) => !cancelled && setResults(items),
        (err: unknown) => !cancelled && setError(errorMessage(t, err)),
      );
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, t]);

  const choose = (d: DepartmentDto) => {
    setSelected(d);
    departmentMembers(d.id).then(setMembers, (err: unknown) => setError(errorMessage(t, err)));
  };

  // Only the children of open departments are shown; the top level always.
  const visible = flatten(tree).filter((n) => {
    let parent = n.department.parentId;
    while (parent != null) {
      if (!open.has(parent)) return false;
      parent = departments.find((d) => d.id === parent)?.parentId ?? null;
    }
    return true;
  });

  return (
    <section className="directory-page" aria-labelledby="directory-title" data-testid="directory-page">
      <header className="conversation-header">
        <button type="button" className="icon-button back" onClick={() => navigate("/")} aria-label={t("common.back")}>
          ‹
        </button>
        <h1 id="directory-title" className="grow">
          {t("directory.title")}
        </h1>
      </header>
      <div className="directory-search" role="search">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("directory.searchPlaceholder")} aria-label={t("directory.searchPlaceholder")} autoFocus data-testid="directory-search" />
      </div>
      <ErrorText error={error} />
      {results ? (
        <PeopleList people={results} empty={t("common.noResults")} />
      ) : (
        <div className="directory-browse">
          <nav className="directory-tree" aria-label={t("directory.tree")}>
            {visible.length === 0 && <p className="muted">{t("directory.noDepartments")}</p>}
            <ul role="tree">
              {visible.map((n) => (
                <li key={n.department.id} role="treeitem" aria-expanded={n.children.length > 0 ? open.has(n.department.id) : undefined} aria-selected={selected?.id === n.department.id} style={{ paddingInlineStart: n.depth * 16 }}>
                  {n.children.length > 0 ? (
                    <button type="button" className="icon-button tree-toggle" aria-label={open.has(n.department.id) ? t("directory.collapse") : t("directory.expand")}
                      onClick={() => setOpen((s) => { const next = new Set(s); if (!next.delete(n.department.id)) next.add(n.department.id); return next; })}>
                      {open.has(n.department.id) ? "▾" : "▸"}
                    </button>
                  ) : (
                    <span className="tree-toggle" />
                  )}
                  <button type="button" className="link-button" onClick={() => choose(n.department)} data-testid={`dept-${n.department.name}`}>
                    {n.department.name}
                  </button>
                  <span className="muted small"> {n.department.memberCount}</span>
                </li>
              ))}
            </ul>
          </nav>
          <div className="directory-members">
            {selected ? (
              <>
                <h2>{selected.name}</h2>
                <PeopleList people={members} empty={t("directory.noMembers")} />
              </>
            ) : (
              <p className="muted">{t("directory.pickDepartment")}</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function PeopleList({ people, empty }: { people: DirectoryEntryDto[]; empty: string }) {
  if (people.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="people-list" data-testid="directory-results">
      {people.map((p) => (
        <li key={p.id}>
          <button type="button" className="person" onClick={() => openProfile(p.id)} data-testid={`person-${p.username}`}>
            <Avatar name={p.displayName} id={p.id} size={32} url={p.avatarUrl} />
            <span className="grow">
              <span className="person-name">{p.displayName}</span> <span className="muted">@{p.username}</span>
              <br />
              <span className="muted small">{[p.title, ...p.departments.map((d) => d.name)].filter(Boolean).join(" · ")}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
