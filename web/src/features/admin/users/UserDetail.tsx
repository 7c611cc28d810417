// Admin console → Users → one user: (de)activate, force or reset the password, roles, two-factor reset, sessions.
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { SessionDto, UserDto } from "../../../api/types";
import { useChat } from "../../../core";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import { ProfileForm } from "../../directory/ProfileForm";
import {
  forcePasswordChange,
  GRANTABLE_ROLES,
  resetPassword,
  resetTwoFactor,
  revokeUserSession,
  setActive,
  setExternal,
  setRoles,
  userSessions,
} from "./userAdminActions";

export function UserDetail({ user, onChanged, onClose }: { user: UserDto; onChanged: (user: UserDto) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const canGrant = useChat((s) => s.me?.permissions?.includes("roles.manage") === true);
  const [sessions, setSessions] = useState<SessionDto[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [roles, setRoleSet] = useState<string[]>(user.roles ?? []);

  useEffect(() => {
    userSessions(user.id).then(setSessions, () => setSessions([]));
    setRoleSet(user.roles ?? []);
  }, [user]);

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      const result = await action();
      if (result && typeof result === "object" && "id" in result) onChanged(result as UserDto);
      setMessage(done);
    } catch (err) {
      setMessage(errorMessage(t, err));
    }
  };

  const reset = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    void run(async () => {
      await resetPassword(user.id, String(form.get("password")), form.get("mustChange") === "on");
      formEl.reset();
      setSessions([]);
    }, t("admin.users.passwordReset"));
  };

  return (
    <div className="admin-card" data-testid="admin-user-detail">
      <div className="row">
        <h3 className="grow">
          {user.displayName} <span className="muted">@{user.username}</span>
        </h3>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t("common.close")}>
          ×
        </button>
      </div>
      <div className="row wrap">
        <button type="button" className={user.isActive ? "danger" : undefined} onClick={() => void run(() => setActive(user.id, !user.isActive), t("common.saved"))} data-testid="admin-user-toggle-active">
          {user.isActive ? t("admin.users.deactivate") : t("admin.users.reactivate")}
        </button>
        <button type="button" onClick={() => void run(() => setExternal(user.id, !user.isExternal), t("common.saved"))} data-testid="admin-user-toggle-external">
          {user.isExternal ? t("admin.users.markInternal") : t("admin.users.markExternal")}
        </button>
        <button type="button" onClick={() => void run(() => forcePasswordChange(user.id, true), t("admin.users.mustChangeSet"))} data-testid="admin-user-force-change">
          {t("admin.users.forceChange")}
        </button>
        <button type="button" onClick={() => void run(() => resetTwoFactor(user.id), t("admin.users.twoFactorReset"))}>
          {t("admin.users.resetTwoFactor")}
        </button>
      </div>

      <form className="inline-form wrap" onSubmit={reset} data-testid="admin-reset-password">
        <input name="password" type="password" required autoComplete="new-password" placeholder={t("admin.users.newPassword")} aria-label={t("admin.users.newPassword")} />
        <label className="checkbox">
          <input name="mustChange" type="checkbox" defaultChecked /> {t("admin.users.mustChangePassword")}
        </label>
        <button type="submit">{t("admin.users.resetPassword")}</button>
      </form>

      {canGrant && (
        <fieldset className="role-list">
          <legend>{t("admin.users.roles")}</legend>
          {GRANTABLE_ROLES.map((r) => (
            <label key={r} className="checkbox">
              <input type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoleSet((all) => (e.target.checked ? [...all, r] : all.filter((x) => x !== r)))} /> {t(`admin.roles.${r}`)}
            </label>
          ))}
          <button type="button" onClick={() => void run(() => setRoles(user.id, roles), t("common.saved"))} data-testid="admin-user-save-roles">
            {t("common.save")}
          </button>
        </fieldset>
      )}

      <h4>{t("profile.heading")}</h4>
      <ProfileForm userId={user.id} admin />

      <h4>{t("settings.sessions")}</h4>
      {sessions.length === 0 && <p className="muted">{t("admin.users.noSessions")}</p>}
      <ul className="plain-list">
        {sessions.map((s) => (
          <li key={s.id} className="row">
            <span className="grow">
              {s.userAgent ?? t("settings.unknownDevice")} · <span className="muted">{formatDateTime(s.lastSeenAt)}</span>
            </span>
            <button type="button" onClick={() => void revokeUserSession(user.id, s.id).then(() => setSessions((all) => all.filter((x) => x.id !== s.id)))}>
              {t("settings.revoke")}
            </button>
          </li>
        ))}
      </ul>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
