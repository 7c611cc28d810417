// A person's card (title, departments, manager, phone) with "start a chat"; opened wherever a name appears.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DirectoryProfileDto } from "../../api/types";
import { conversationPath, navigate } from "../../app/route";
import { useChat, useCore } from "../../core";
import { Avatar } from "../../ui/Avatar";
import { Dialog } from "../../ui/Dialog";
import { ErrorText } from "../../ui/ErrorText";
import { errorMessage } from "../auth/errorMessage";
import { openDirect } from "../conversations/conversationActions";
import { loadProfile } from "./directoryActions";
import { closeProfile, openProfile, useOpenProfile } from "./profileCard";
import "./directory.css";

export function ProfileCardHost() {
  const userId = useOpenProfile();
  return userId === null ? null : <ProfileCard key={userId} userId={userId} />;
}

function ProfileCard({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const core = useCore();
  const meId = useChat((s) => s.me?.id);
  const [profile, setProfile] = useState<DirectoryProfileDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    loadProfile(userId).then(setProfile, (err: unknown) => setError(errorMessage(t, err)));
  }, [userId, t]);

  const chat = async () => {
    try {
      const conversation = await openDirect(core, userId);
      closeProfile();
      navigate(conversationPath(conversation.id));
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <Dialog title={profile?.displayName ?? t("common.loading")} onClose={closeProfile}>
      <div className="profile-card" data-testid="profile-card">
        {profile && (
          <>
            <div className="row">
              <Avatar name={profile.displayName} id={profile.id} size={56} url={profile.avatarUrl} />
              <div className="grow">
                <div className="profile-name">{profile.displayName}</div>
                <div className="muted">@{profile.username}</div>
                {profile.title && <div>{profile.title}</div>}
              </div>
            </div>
            <dl className="profile-fields">
              {profile.departments.length > 0 && (
                <>
                  <dt>{t("directory.departments")}</dt>
                  <dd>{profile.departments.map((d) => d.name).join("、")}</dd>
                </>
              )}
              {profile.manager && (
                <>
                  <dt>{t("directory.manager")}</dt>
                  <dd>
                    <button type="button" className="link-button" onClick={() => openProfile(profile.manager!.id)}>
                      {profile.manager.displayName}
                    </button>
                  </dd>
                </>
              )}
              {profile.phone && (
                <>
                  <dt>{t("directory.phone")}</dt>
                  <dd>
                    <a href={`tel:${profile.phone.replace(/[^\d+]/g, "")}`}>{profile.phone}</a>
                  </dd>
                </>
              )}
              {profile.employeeNumber && (
                <>
                  <dt>{t("directory.employeeNumber")}</dt>
                  <dd>{profile.employeeNumber}</dd>
                </>
              )}
            </dl>
            {!profile.isActive && <p className="muted">{t("admin.users.inactive")}</p>}
            {profile.id !== meId && profile.isActive && (
              <div className="dialog-actions">
                <button type="button" className="primary" onClick={() => void chat()} data-testid="profile-start-chat">
                  {t("directory.startChat")}
                </button>
              </div>
            )}
          </>
        )}
        <ErrorText error={error} />
      </div>
    </Dialog>
  );
}
