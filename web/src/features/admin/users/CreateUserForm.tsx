// Admin console → Users → new user: roles (when the admin may grant them) and "must change password at first sign-in".
import { useState, type FormEvent } from "react";
import { ErrorText } from "../../../ui/ErrorText";
import { useTranslation } from "react-i18next";
import type { UserDto } from "../../../api/types";
import { useChat } from "../../../core";
import { PasswordRule } from "../../auth/AuthScreens";
import { errorMessage } from "../../auth/errorMessage";
import { createUser, GRANTABLE_ROLES } from "./userAdminActions";

export function CreateUserForm({ onCreated, onCancel }: { onCreated: (user: UserDto) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const canGrant = useChat((s) => s.me?.permissions?.includes("roles.manage") === true);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      onCreated(
        await createUser({
          username: String(form.get("username")).trim(),
          displayName: String(form.get("displayName")).trim(),
          password: String(form.get("password")),
          roles: GRANTABLE_ROLES.filter((r) => form.get(`role-${r}`) === "on"),
          mustChangePassword: form.get("mustChangePassword") === "on",
        }),
      );
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <form className="admin-card admin-form" onSubmit={submit} data-testid="create-user-form">
      <h3>{t("admin.users.create")}</h3>
      <label className="field">
        <span>{t("auth.displayName")}</span>
        <input name="displayName" required />
      </label>
      <label className="field">
        <span>{t("auth.username")}</span>
        <input name="username" required pattern="[A-Za-z0-9_.\-]+" autoComplete="off" />
      </label>
      <label className="field">
        <span>{t("admin.users.initialPassword")}</span>
        <input name="password" type="password" required autoComplete="new-password" aria-describedby="create-user-password-rule" />
      </label>
      <PasswordRule id="create-user-password-rule" />
      <label className="checkbox">
        <input name="mustChangePassword" type="checkbox" defaultChecked /> {t("admin.users.mustChangePassword")}
      </label>
      {canGrant && (
        <fieldset className="role-list">
          <legend>{t("admin.users.roles")}</legend>
          {GRANTABLE_ROLES.map((r) => (
            <label key={r} className="checkbox">
              <input name={`role-${r}`} type="checkbox" /> {t(`admin.roles.${r}`)}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorText error={error} />
      <div className="row">
        <button type="submit" className="primary">
          {t("common.create")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
