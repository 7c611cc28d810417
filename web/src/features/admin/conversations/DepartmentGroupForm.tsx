// Departments → "Create department group" (conversations.manage): a group whose members follow the department.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { DepartmentDto } from "../../../api/types";
import { ErrorText } from "../../../ui/ErrorText";
import { errorMessage } from "../../auth/errorMessage";
import { createDepartmentGroup } from "./conversationAdminActions";

export function DepartmentGroupForm({ department }: { department: DepartmentDto }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [includeSub, setIncludeSub] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    createDepartmentGroup(department.id, name.trim() || null, includeSub).then(
      (group) => {
        setName("");
        setNotice(t("admin.departments.groupCreated", { name: group.name ?? department.name, count: group.memberCount }));
      },
      (err: unknown) => setError(errorMessage(t, err)),
    );
  };

  return (
    <form className="admin-card" onSubmit={submit} data-testid="department-group-form">
      <h4>{t("admin.departments.groupTitle")}</h4>
      <p className="muted small">{t("admin.departments.groupHint")}</p>
      <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder={department.name} aria-label={t("admin.departments.groupName")} />
      <label className="checkbox">
        <input type="checkbox" checked={includeSub} onChange={(e) => setIncludeSub(e.target.checked)} />
        {t("admin.departments.includeSub")}
      </label>
      <button type="submit" className="primary" data-testid="department-group-create">
        {t("admin.departments.createGroup")}
      </button>
      <ErrorText error={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </form>
  );
}
