// Admin console → Invitations: make a link that lets someone create their own account (with roles and departments
// chosen here), copy it once, see what became of earlier links and revoke them.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { DepartmentDto, InvitationDto } from "../../../api/types";
import { useChat } from "../../../core";
import { errorMessage } from "../../auth/errorMessage";
import { GRANTABLE_ROLES } from "../users/userAdminActions";
import { createInvitation, inviteLink, loadDepartments, loadInvitations, revokeInvitation } from "./invitationActions";
import { SecretOnce } from "../SecretOnce";

/** Offered lifetimes in hours (the server takes 1–720). */
const EXPIRY_HOURS = [24, 72, 168, 720] as const;

export default function InvitationsSection() {
  const { t, i18n } = useTranslation();
  const canGrant = useChat((s) => s.me?.permissions?.includes("roles.manage") === true);
  const [items, setItems] = useState<InvitationDto[] | null>(null);
  const [departments, setDepartments] = useState<DepartmentDto[]>([]);
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const reload = useCallback(() => loadInvitations().then(setItems, (err: unknown) => setMessage(errorMessage(t, err))), [t]);
  useEffect(() => {
    void reload();
    loadDepartments().then(setDepartments, () => setDepartments([]));
  }, [reload]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      const created = await createInvitation({
        email: String(form.get("email")).trim() || null,
        displayName: String(form.get("displayName")).trim() || null,
        roles: GRANTABLE_ROLES.filter((r) => form.get(`role-${r}`) === "on"),
        departmentIds: form.getAll("departments").map(Number),
        expiresInHours: Number(form.get("expires")),
        singleUse: form.get("singleUse") === "on",
      });
      setLink(inviteLink(created.path));
      setMessage(null);
      await reload();
    } catch (err) {
      setMessage(errorMessage(t, err));
    }
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setMessage(t("admin.invitations.copied"));
    } catch {
      setMessage(t("admin.invitations.copyFailed"));
    }
  };

  const revoke = async (id: number) => {
    try {
      await revokeInvitation(id);
      await reload();
    } catch (err) {
      setMessage(errorMessage(t, err));
    }
  };

  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  return (
    <div data-testid="admin-invitations">
      <h2>{t("admin.sections.invitations")}</h2>
      <p className="muted">{t("admin.invitations.intro")}</p>
      <form className="admin-card admin-form" onSubmit={submit} data-testid="invitation-form">
        <label className="field">
          <span>{t("admin.invitations.email")}</span>
          <input name="email" type="email" autoComplete="off" />
        </label>
        <label className="field">
          <span>{t("auth.displayName")}</span>
          <input name="displayName" autoComplete="off" />
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
        {departments.length > 0 && (
          <label className="field">
            <span>{t("admin.invitations.departments")}</span>
            <select name="departments" multiple size={Math.min(5, departments.length)} data-testid="invitation-departments">
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t("admin.invitations.expires")}</span>
          <select name="expires" defaultValue="168">
            {EXPIRY_HOURS.map((h) => (
              <option key={h} value={h}>
                {t("admin.invitations.days", { count: h / 24 })}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input name="singleUse" type="checkbox" defaultChecked /> {t("admin.invitations.singleUse")}
        </label>
        <button type="submit" className="primary" data-testid="invitation-create">
          {t("admin.invitations.create")}
        </button>
      </form>
      {link && (
        <SecretOnce testId="invitation-link" warning={t("admin.invitations.linkOnce")} secret={link}>
          <button type="button" onClick={() => void copy()} data-testid="invitation-copy">
            {t("admin.invitations.copy")}
          </button>
        </SecretOnce>
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t("admin.invitations.none")}</p>}
      {items && items.length > 0 && (
        <table className="admin-table" data-testid="invitation-list">
          <thead>
            <tr>
              <th>{t("admin.invitations.invitee")}</th>
              <th>{t("admin.users.status")}</th>
              <th>{t("admin.invitations.expiresAt")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} data-testid={`invitation-${i.id}`}>
                <td>
                  {i.displayName ?? i.email ?? t("admin.invitations.anyone")}
                  {i.roles.length > 0 && <span className="muted small"> · {i.roles.map((r) => t(`admin.roles.${r}`)).join(", ")}</span>}
                </td>
                <td>{t(`admin.invitations.status.${i.status}`)}</td>
                <td>{when(i.expiresAt)}</td>
                <td>
                  {i.status === "active" && (
                    <button type="button" className="link-button" onClick={() => void revoke(i.id)} data-testid={`invitation-revoke-${i.id}`}>
                      {t("admin.invitations.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
