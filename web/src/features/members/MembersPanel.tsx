import { SidePanel } from "../../ui/SidePanel";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationDto, MemberRole, UserDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { navigate } from "../../app/route";
import { openProfile } from "../directory/profileCard";
import { Avatar } from "../../ui/Avatar";
import { errorMessage } from "../auth/errorMessage";
import { UserPicker } from "../conversations/UserPicker";
import { ExternalBadge } from "../directory/ExternalBadge";
import { addMembers, leaveConversation, removeMember, setMuted, setWatermark, setRole, updateConversation } from "./memberActions";
import { X } from "../../ui/icons";
import { ConversationTranslationToggle } from "../translation/ConversationTranslationToggle";
import { IncomingWebhooksPart } from "../integrations/IncomingWebhooksPart";

const roles: MemberRole[] = ["owner", "admin", "member"];

/** Members with roles and presence, and the conversation's settings (name, topic, announcement, mute). */
export function MembersPanel({ conversation, onClose }: { conversation: ConversationDto; onClose: () => void }) {
  const { t } = useTranslation();
  const core = useCore();
  const members = useChat((s) => s.members[conversation.id]);
  const presence = useChat((s) => s.presence);
  const users = useChat((s) => s.users);
  const meId = useChat((s) => s.me?.id ?? -1);
  const [adding, setAdding] = useState<UserDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const manage = conversation.role === "owner" || conversation.role === "admin";
  const canWatermark = useChat((s) => s.me?.permissions?.includes("compliance.manage") ?? false) || (manage && conversation.kind !== "direct");
  const isDirect = conversation.kind === "direct";

  useEffect(() => {
    if (!members) void core.people.loadMembers(conversation.id);
  }, [members, conversation.id]);

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((err: unknown) => setError(errorMessage(t, err)));
  };

  const save = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    run(async () => {
      await updateConversation(core, conversation.id, {
        name: String(form.get("name") ?? ""),
        topic: String(form.get("topic") ?? ""),
        announcement: String(form.get("announcement") ?? ""),
      });
      setSaved(true);
    });
  };

  return (
    <SidePanel title={isDirect ? t("members.details") : t("members.title")} testId="members-panel" onClose={onClose}>
      <label className="checkbox">
        <input type="checkbox" checked={conversation.muted} onChange={(e) => run(() => setMuted(core, conversation.id, e.target.checked))} data-testid="mute-toggle" /> {t("conversation.mute")}
      </label>
      <label className="checkbox" title={t("conversation.watermarkHint")}>
        <input type="checkbox" checked={conversation.watermark ?? false} disabled={!canWatermark}
          onChange={(e) => run(() => setWatermark(core, conversation.id, e.target.checked))} data-testid="watermark-toggle" /> {t("conversation.watermark")}
      </label>
      <ConversationTranslationToggle conversationId={conversation.id} manage={manage} />
      {!isDirect && (
        <form className="settings-form" onSubmit={save} key={`${conversation.name}|${conversation.topic}|${conversation.announcement}`}>
          <label className="field">
            <span>{t("conversation.name")}</span>
            <input name="name" defaultValue={conversation.name ?? ""} disabled={!manage} />
          </label>
          <label className="field">
            <span>{t("conversation.topic")}</span>
            <input name="topic" defaultValue={conversation.topic ?? ""} disabled={!manage} />
          </label>
          <label className="field">
            <span>{t("conversation.announcement")}</span>
            <textarea name="announcement" defaultValue={conversation.announcement ?? ""} disabled={!manage} rows={3} />
          </label>
          {manage && (
            <button type="submit" className="primary">
              {t("common.save")}
            </button>
          )}
          {saved && <span className="muted small"> {t("common.saved")}</span>}
        </form>
      )}
      <h3 className="panel-subtitle">{t("members.count", { count: members?.length ?? conversation.memberCount })}</h3>
      <ul className="plain-list member-list">
        {members?.map((m) => (
          <li key={m.userId} className="row member-row">
            <Avatar name={m.displayName} id={m.userId} size={28} presence={presence[m.userId] ?? "offline"} url={m.avatarUrl} />
            <span className="grow">
              <button type="button" className="link-button member-name" onClick={() => openProfile(m.userId)}>
                {m.displayName}
              </button>
              {users[m.userId]?.isExternal && <ExternalBadge />}{" "}
              <span className="muted">@{m.username}</span>
            </span>
            {manage && !isDirect && m.userId !== meId ? (
              <select value={m.role} aria-label={t("members.roleFor", { name: m.displayName })} onChange={(e) => run(() => setRole(core, conversation.id, m.userId, e.target.value as MemberRole))}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            ) : (
              <span className={`role-tag ${m.role}`}>{t(`roles.${m.role}`)}</span>
            )}
            {manage && !isDirect && m.userId !== meId && (
              <button type="button" className="icon-button" aria-label={t("members.remove", { name: m.displayName })} onClick={() => run(() => removeMember(core, conversation.id, m.userId))}>
                <X size={16} aria-hidden="true" />
              </button>
            )}
          </li>
        ))}
      </ul>
      {!isDirect && manage && (
        <div>
          {adding === null ? (
            <button type="button" onClick={() => setAdding([])}>
              {t("members.add")}
            </button>
          ) : (
            <>
              <UserPicker selected={adding} exclude={(members ?? []).map((m) => m.userId)} onToggle={(u) => setAdding((s) => (s?.some((x) => x.id === u.id) ? s.filter((x) => x.id !== u.id) : [...(s ?? []), u]))} />
              <div className="row">
                <button type="button" onClick={() => setAdding(null)}>
                  {t("common.cancel")}
                </button>
                <button
                  type="button"
                  className="primary"
                  disabled={adding.length === 0}
                  onClick={() =>
                    run(async () => {
                      await addMembers(core, conversation.id, adding.map((u) => u.id));
                      setAdding(null);
                    })
                  }
                >
                  {t("members.add")}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      <IncomingWebhooksPart conversation={conversation} />
      {!isDirect && (
        <button
          type="button"
          className="danger"
          onClick={() =>
            window.confirm(t("members.confirmLeave")) &&
            run(async () => {
              await leaveConversation(core, conversation.id);
              navigate("/");
            })
          }
        >
          {t("members.leave")}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </SidePanel>
  );
}
