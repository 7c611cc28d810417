// Profile fields: one's own (display name, title, phone) in settings; anyone's, with employee number and manager,
// in the admin console.
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { directoryApi, usersApi } from "../../api/endpoints";
import type { DirectoryProfileDto } from "../../api/types";
import { ErrorText } from "../../ui/ErrorText";
import { errorMessage } from "../auth/errorMessage";
import { loadProfile } from "./directoryActions";

export function ProfileForm({ userId, admin, onSaved }: { userId: number; admin: boolean; onSaved?: (profile: DirectoryProfileDto) => void }) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<DirectoryProfileDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    loadProfile(userId).then(setProfile, (err: unknown) => setError(errorMessage(t, err)));
  }, [userId, t]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    setError(null);
    setSaved(false);
    try {
      const body: Parameters<typeof directoryApi.updateProfile>[1] = { title: text("title"), phone: text("phone") };
      if (!admin) body.displayName = text("displayName");
      if (admin) {
        body.employeeNumber = text("employeeNumber");
        const manager = text("manager").replace(/^@/, "").toLowerCase();
        if (!manager) body.clearManager = true;
        else if (manager !== profile?.manager?.username.toLowerCase()) {
          const found = (await usersApi.search(manager, 20)).items.find((u) => u.username.toLowerCase() === manager);
          if (!found) throw new Error(t("profile.noSuchManager", { name: manager }));
          body.managerId = found.id;
        }
      }
      const updated = await directoryApi.updateProfile(admin ? userId : "me", body);
      setProfile(updated);
      setSaved(true);
      onSaved?.(updated);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  if (!profile) return <ErrorText error={error} />;
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} data-testid={admin ? "admin-profile-form" : "own-profile-form"}>
      {!admin && (
        <label className="field">
          <span>{t("auth.displayName")}</span>
          <input name="displayName" defaultValue={profile.displayName} required maxLength={100} />
        </label>
      )}
      <label className="field">
        <span>{t("profile.title")}</span>
        <input name="title" defaultValue={profile.title ?? ""} maxLength={100} data-testid="profile-title" />
      </label>
      <label className="field">
        <span>{t("directory.phone")}</span>
        <input name="phone" type="tel" defaultValue={profile.phone ?? ""} maxLength={40} />
      </label>
      {admin && (
        <>
          <label className="field">
            <span>{t("directory.employeeNumber")}</span>
            <input name="employeeNumber" defaultValue={profile.employeeNumber ?? ""} maxLength={40} />
          </label>
          <label className="field">
            <span>{t("profile.managerUsername")}</span>
            <input name="manager" defaultValue={profile.manager?.username ?? ""} autoComplete="off" />
          </label>
        </>
      )}
      <ErrorText error={error} />
      <div className="row">
        <button type="submit">{t("common.save")}</button>
        {saved && <span className="muted">{t("common.saved")}</span>}
      </div>
    </form>
  );
}
