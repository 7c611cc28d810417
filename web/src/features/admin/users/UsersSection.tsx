// Admin console → Users: everyone, active or not, searchable; create, and manage one user at a time.
import { ExternalBadge } from "../../directory/ExternalBadge";
import { useEffect, useState } from "react";
import { ErrorText } from "../../../ui/ErrorText";
import { useTranslation } from "react-i18next";
import type { UserDto } from "../../../api/types";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import { CreateUserForm } from "./CreateUserForm";
import { UserDetail } from "./UserDetail";
import { listUsers } from "./userAdminActions";

export default function UsersSection() {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [users, setUsers] = useState<UserDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<UserDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      listUsers(query.trim())
        .then((items) => !cancelled && (setUsers(items), setError(null)))
        .catch((err: unknown) => !cancelled && setError(errorMessage(t, err)));
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, t, version]);

  const changed = (user: UserDto) => {
    setSelected(user);
    setVersion((v) => v + 1);
  };

  return (
    <div data-testid="admin-users">
      <h2>{t("admin.sections.users")}</h2>
      <div className="admin-toolbar">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("admin.users.search")} aria-label={t("admin.users.search")} data-testid="admin-users-search" />
        <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="admin-new-user">
          {t("admin.users.create")}
        </button>
      </div>
      {creating && (
        <CreateUserForm
          onCancel={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            setNotice(t("settings.userCreated", { name: user.displayName }));
            changed(user);
          }}
        />
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {selected && <UserDetail key={selected.id} user={selected} onChanged={changed} onClose={() => setSelected(null)} />}
      <ErrorText error={error} />
      {users && users.length === 0 && <p className="muted">{t("common.noResults")}</p>}
      {users && users.length > 0 && (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t("auth.displayName")}</th>
              <th>{t("auth.username")}</th>
              <th>{t("admin.users.roles")}</th>
              <th>{t("admin.users.status")}</th>
              <th>{t("admin.users.created")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className={u.isActive ? undefined : "inactive"} data-testid={`admin-user-${u.username}`}>
                <td>
                  <button type="button" className="link-button" onClick={() => setSelected(u)}>
                    {u.displayName}
                  </button>
                  {u.isExternal && <ExternalBadge />}
                </td>
                <td>{u.username}</td>
                <td>{(u.roles ?? []).map((r) => t(`admin.roles.${r}`, { defaultValue: r })).join(", ") || t("admin.roles.member")}</td>
                <td>{u.isActive ? t("admin.users.active") : t("admin.users.inactive")}</td>
                <td>{formatDateTime(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
