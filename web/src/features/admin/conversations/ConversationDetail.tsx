// One conversation in the admin console: state, default channel, department link, members (add, remove, make owner).
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdminConversationDto, DepartmentDto, MemberDto, UserDto } from "../../../api/types";
import { conversationAdminApi } from "../../../api/endpoints";
import { ErrorText } from "../../../ui/ErrorText";
import { errorMessage } from "../../auth/errorMessage";
import { toggleUser, UserPicker } from "../../conversations/UserPicker";
import { loadDepartments } from "../../directory/directoryActions";
import { DepartmentOptions } from "../../directory/DepartmentOptions";
import { buildTree, flatten } from "../../directory/tree";
import { Badges } from "./ConversationsSection";
import * as actions from "./conversationAdminActions";

export function ConversationDetail({ id, onChanged, onClose }: { id: number; onChanged: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [conversation, setConversation] = useState<AdminConversationDto | null>(null);
  const [members, setMembers] = useState<MemberDto[]>([]);
  const [adding, setAdding] = useState<UserDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [c, m] = await Promise.all([conversationAdminApi.get(id), actions.conversationMembers(id)]);
    setConversation(c);
    setMembers(m);
  }, [id]);
  useEffect(() => {
    reload().catch((err: unknown) => setError(errorMessage(t, err)));
  }, [reload, t]);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      await action();
      await reload();
      onChanged();
      if (done) setNotice(done);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  if (!conversation) return <ErrorText error={error} />;
  const c = conversation;
  const direct = c.kind === "direct";
  return (
    <div className="admin-card" data-testid="admin-conversation-detail">
      <div className="row">
        <h3 className="grow">{actions.conversationTitle(c)}</h3>
        <button type="button" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
      <p>
        {t(`admin.conversations.kinds.${c.kind}`)} · {t("admin.conversations.memberCount", { count: c.memberCount })} · <Badges conversation={c} />
      </p>
      <ErrorText error={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {!direct && (
        <div className="row wrap">
          <button type="button" onClick={() => void run(() => actions.archive(c.id, !c.isArchived))} data-testid="admin-conversation-archive">
            {c.isArchived ? t("admin.conversations.unarchive") : t("admin.conversations.archive")}
          </button>
        </div>
      )}
      {c.kind === "channel" && <DefaultChannel conversation={c} run={run} />}
      {c.kind === "group" && <DepartmentLink conversation={c} run={run} />}
      <h4>{t("admin.conversations.members")}</h4>
      <ul className="plain-list" data-testid="admin-conversation-members">
        {members.map((m) => (
          <li key={m.userId} className="row wrap">
            <span className="grow">
              {m.displayName} <span className="muted">@{m.username}</span> <span className="muted small">{t(`admin.conversations.roles.${m.role}`)}</span>
            </span>
            {!direct && m.role !== "owner" && (
              <button type="button" onClick={() => void run(() => actions.transferOwnership(c.id, m.userId))} aria-label={t("admin.conversations.makeOwnerOf", { name: m.displayName })}>
                {t("admin.conversations.makeOwner")}
              </button>
            )}
            {!direct && (
              <button type="button" onClick={() => void run(() => actions.removeMember(c.id, m.userId))} aria-label={t("members.remove", { name: m.displayName })}>
                {t("admin.conversations.remove")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!direct && !c.isArchived && (
        <>
          <UserPicker selected={adding} exclude={members.map((m) => m.userId)} onToggle={(u) => setAdding(toggleUser(adding, u))} />
          <button
            type="button"
            className="primary"
            disabled={adding.length === 0}
            onClick={() =>
              void run(async () => {
                await actions.addMembers(c.id, adding.map((u) => u.id));
                setAdding([]);
              })
            }
            data-testid="admin-conversation-add"
          >
            {t("admin.conversations.addMembers")}
          </button>
        </>
      )}
    </div>
  );
}

type Run = (action: () => Promise<unknown>, done?: string) => Promise<void>;

function DefaultChannel({ conversation: c, run }: { conversation: AdminConversationDto; run: Run }) {
  const { t } = useTranslation();
  const [addExisting, setAddExisting] = useState(false);
  if (c.isDefault)
    return (
      <div className="row wrap">
        <span className="grow">{t("admin.conversations.isDefault")}</span>
        <button type="button" onClick={() => void run(() => actions.unsetDefault(c.id))} data-testid="admin-conversation-undefault">
          {t("admin.conversations.unsetDefault")}
        </button>
      </div>
    );
  return (
    <div className="row wrap">
      <label className="checkbox">
        <input type="checkbox" checked={addExisting} onChange={(e) => setAddExisting(e.target.checked)} data-testid="admin-conversation-add-existing" />
        {t("admin.conversations.addExisting")}
      </label>
      <button type="button" disabled={c.isArchived} onClick={() => void run(() => actions.setDefault(c.id, addExisting), t("admin.conversations.defaultSet"))} data-testid="admin-conversation-default">
        {t("admin.conversations.setDefault")}
      </button>
    </div>
  );
}

function DepartmentLink({ conversation: c, run }: { conversation: AdminConversationDto; run: Run }) {
  const { t } = useTranslation();
  const [departments, setDepartments] = useState<DepartmentDto[]>([]);
  const [departmentId, setDepartmentId] = useState<string>(c.department ? String(c.department.departmentId) : "");
  const [includeSub, setIncludeSub] = useState(c.department?.includeSubDepartments ?? true);
  useEffect(() => {
    loadDepartments().then(setDepartments, () => setDepartments([]));
  }, []);
  const ordered = useMemo(() => flatten(buildTree(departments)), [departments]);
  return (
    <fieldset className="role-list">
      <legend>{t("admin.conversations.department")}</legend>
      <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} aria-label={t("admin.conversations.department")}>
        <option value="">{t("admin.conversations.noDepartment")}</option>
        <DepartmentOptions nodes={ordered} />
      </select>
      <label className="checkbox">
        <input type="checkbox" checked={includeSub} onChange={(e) => setIncludeSub(e.target.checked)} />
        {t("admin.conversations.includeSub")}
      </label>
      <button type="button" disabled={!departmentId || c.isArchived} onClick={() => void run(() => actions.linkDepartment(c.id, Number(departmentId), includeSub))}>
        {t("admin.conversations.link")}
      </button>
      {c.department && (
        <button type="button" onClick={() => void run(() => actions.unlinkDepartment(c.id))}>
          {t("admin.conversations.unlink")}
        </button>
      )}
    </fieldset>
  );
}
