// Admin console → Retention: how long messages and files are kept (globally, per kind of conversation, per
// conversation), the purge and what it last removed, and legal holds that exempt a user or a conversation from every
// purge. Reading needs compliance.read; changing, compliance.manage.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useChat } from "../../../core";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import {
  listHolds, loadRetention, parseDays, placeHold, releaseHold, removePolicy, runPurge, setPolicy, userIdByUsername, wideScopes,
  type HoldTarget, type LegalHold, type RetentionPolicy, type RetentionState,
} from "./retentionActions";
import { SectionNotices } from "../SectionNotices";
import "./retention.css";

type Choice = "inherit" | "forever" | "days";

function PolicyEditor({ scope, policy, canInherit, onSaved, onError }: {
  scope: string; policy: RetentionPolicy | undefined; canInherit: boolean; onSaved: () => void; onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const initial: Choice = !policy ? (canInherit ? "inherit" : "forever") : policy.days == null ? "forever" : "days";
  const [choice, setChoice] = useState<Choice>(initial);
  const [days, setDays] = useState(policy?.days != null ? String(policy.days) : "");
  useEffect(() => {
    setChoice(initial);
    setDays(policy?.days != null ? String(policy.days) : "");
  }, [initial, policy?.days]);
  const parsed = parseDays(days);
  const changed = choice !== initial || (choice === "days" && parsed !== (policy?.days ?? null));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      if (choice === "inherit") await removePolicy(scope);
      else await setPolicy(scope, choice === "forever" ? null : parsed);
      onSaved();
    } catch (err) {
      onError(err);
    }
  };
  return (
    <form className="retention-editor" onSubmit={save} data-testid={`retention-edit-${scope}`}>
      <select value={choice} onChange={(e) => setChoice(e.target.value as Choice)} aria-label={t("retention.keep")}>
        {canInherit && <option value="inherit">{t("retention.inherit")}</option>}
        <option value="forever">{t("retention.forever")}</option>
        <option value="days">{t("retention.afterDays")}</option>
      </select>
      {choice === "days" && (
        <input
          inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} aria-label={t("retention.days")}
          aria-invalid={days !== "" && parsed === null} placeholder="30" size={6}
        />
      )}
      <button type="submit" disabled={!changed || (choice === "days" && parsed === null)}>
        {t("common.save")}
      </button>
    </form>
  );
}

function describe(t: (k: string, o?: Record<string, unknown>) => string, scope: string, policy: RetentionPolicy | undefined): string {
  if (!policy) return t(scope === "global" ? "retention.notSet" : "retention.inherited");
  return policy.days == null ? t("retention.forever") : t("retention.daysValue", { count: policy.days });
}

export default function RetentionSection() {
  const { t } = useTranslation();
  const canManage = useChat((s) => s.me?.permissions?.includes("compliance.manage") ?? false);
  const [state, setState] = useState<RetentionState | null>(null);
  const [holds, setHolds] = useState<LegalHold[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [newConversation, setNewConversation] = useState("");
  const [newDays, setNewDays] = useState("");
  const [holdType, setHoldType] = useState<HoldTarget>("user");
  const [holdTarget, setHoldTarget] = useState("");
  const [holdReason, setHoldReason] = useState("");

  const fail = useCallback((err: unknown) => setError(errorMessage(t, err)), [t]);
  const reload = useCallback(async () => {
    try {
      const [s, h] = await Promise.all([loadRetention(), listHolds()]);
      setState(s);
      setHolds(h);
      setError(null);
    } catch (err) {
      fail(err);
    }
  }, [fail]);
  useEffect(() => void reload(), [reload]);

  const byScope = new Map((state?.policies ?? []).map((p) => [p.scope, p]));
  const conversationPolicies = (state?.policies ?? []).filter((p) => p.scope.startsWith("conversation:"));
  const saved = () => {
    setStatus(t("retention.saved"));
    void reload();
  };

  const purge = async () => {
    if (!window.confirm(t("retention.confirmRun"))) return;
    setRunning(true);
    try {
      const run = await runPurge();
      setStatus(t("retention.ranNow", { messages: run.messages, files: run.files }));
      await reload();
    } catch (err) {
      fail(err);
    } finally {
      setRunning(false);
    }
  };

  const addConversation = (e: FormEvent) => {
    e.preventDefault();
    const id = newConversation.trim();
    if (!/^\d+$/.test(id)) return;
    // Empty days: keep this conversation forever whatever the wider policies say.
    setPolicy(`conversation:${id}`, newDays.trim() ? parseDays(newDays) : null).then(() => (setNewConversation(""), setNewDays(""), saved()), fail);
  };

  const place = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const target = holdTarget.trim();
      const id = holdType === "user" ? await userIdByUsername(target) : /^\d+$/.test(target) ? Number(target) : null;
      if (id == null) {
        setError(t(holdType === "user" ? "retention.noSuchUser" : "retention.badConversation", { target }));
        return;
      }
      await placeHold(holdType, id, holdReason.trim());
      setHoldTarget("");
      setHoldReason("");
      setStatus(t("retention.holdPlaced"));
      await reload();
    } catch (err) {
      fail(err);
    }
  };

  const release = (hold: LegalHold) => {
    if (!window.confirm(t("retention.confirmRelease", { target: hold.targetName ?? hold.targetId }))) return;
    releaseHold(hold.id).then(() => (setStatus(t("retention.holdReleased")), reload()), fail);
  };

  const last = state?.lastRun;
  return (
    <div data-testid="admin-retention">
      <h2>{t("admin.sections.retention")}</h2>
      <p className="muted">{t("retention.intro")}</p>
      <SectionNotices error={error} status={status} />

      <h3>{t("retention.policies")}</h3>
      <table className="admin-table retention-policies" data-testid="retention-policies">
        <thead>
          <tr>
            <th>{t("retention.scope")}</th>
            <th>{t("retention.keep")}</th>
            {canManage && <th>{t("retention.change")}</th>}
          </tr>
        </thead>
        <tbody>
          {state &&
            [...wideScopes, ...conversationPolicies.map((p) => p.scope)].map((scope) => {
              const policy = byScope.get(scope);
              const conversation = scope.startsWith("conversation:");
              return (
                <tr key={scope} data-scope={scope}>
                  <th scope="row">
                    {conversation ? `${policy?.conversationName ?? t("retention.direct")} (#${scope.slice("conversation:".length)})` : t(`retention.scopes.${scope.replace(":", "_")}`)}
                  </th>
                  <td>{describe(t, scope, policy)}</td>
                  {canManage && (
                    <td>
                      <PolicyEditor scope={scope} policy={policy} canInherit={scope !== "global"} onSaved={saved} onError={fail} />
                    </td>
                  )}
                </tr>
              );
            })}
        </tbody>
      </table>
      {canManage && (
        <form className="admin-toolbar retention-add" onSubmit={addConversation} data-testid="retention-add-conversation">
          <input
            inputMode="numeric" value={newConversation} onChange={(e) => setNewConversation(e.target.value)}
            placeholder={t("retention.conversationId")} aria-label={t("retention.conversationId")} size={12}
          />
          <input
            inputMode="numeric" value={newDays} onChange={(e) => setNewDays(e.target.value)} placeholder={t("retention.daysOrForever")}
            aria-label={t("retention.daysOrForever")} aria-invalid={newDays.trim() !== "" && parseDays(newDays) === null} size={14}
          />
          <button type="submit" disabled={!/^\d+$/.test(newConversation.trim()) || (newDays.trim() !== "" && parseDays(newDays) === null)}>
            {t("retention.addConversation")}
          </button>
        </form>
      )}

      <div className="admin-card retention-run" data-testid="retention-last-run">
        <p>
          {last
            ? t("retention.lastRun", {
                at: formatDateTime(last.at), messages: last.messages, files: last.files, conversations: last.conversations, held: last.heldConversations,
              })
            : t("retention.neverRun")}
          {last && !last.complete && <> {t("retention.incomplete")}</>}
        </p>
        {canManage && (
          <button type="button" onClick={() => void purge()} disabled={running} data-testid="retention-run">
            {running ? t("retention.running") : t("retention.runNow")}
          </button>
        )}
      </div>

      <h3>{t("retention.holds")}</h3>
      <p className="muted">{t("retention.holdsIntro")}</p>
      {canManage && (
        <form className="admin-toolbar retention-hold-form" onSubmit={place} data-testid="retention-place-hold">
          <select value={holdType} onChange={(e) => setHoldType(e.target.value as HoldTarget)} aria-label={t("retention.holdOn")}>
            <option value="user">{t("retention.targets.user")}</option>
            <option value="conversation">{t("retention.targets.conversation")}</option>
          </select>
          <input
            value={holdTarget} onChange={(e) => setHoldTarget(e.target.value)}
            placeholder={holdType === "user" ? t("retention.username") : t("retention.conversationId")}
            aria-label={holdType === "user" ? t("retention.username") : t("retention.conversationId")}
          />
          <input value={holdReason} onChange={(e) => setHoldReason(e.target.value)} placeholder={t("retention.reason")} aria-label={t("retention.reason")} maxLength={500} />
          <button type="submit" className="primary" disabled={!holdTarget.trim() || !holdReason.trim()}>
            {t("retention.placeHold")}
          </button>
        </form>
      )}
      {holds && holds.length === 0 && <p className="muted">{t("retention.noHolds")}</p>}
      {holds && holds.length > 0 && (
        <table className="admin-table" data-testid="retention-holds">
          <thead>
            <tr>
              <th>{t("retention.holdOn")}</th>
              <th>{t("retention.reason")}</th>
              <th>{t("retention.placed")}</th>
              <th>{t("retention.state")}</th>
              {canManage && <th aria-label={t("moderation.actionsColumn")} />}
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id} data-hold-id={h.id}>
                <td>
                  {t(`retention.targets.${h.targetType}`)}: {h.targetName ?? `#${h.targetId}`}
                </td>
                <td>{h.reason}</td>
                <td>{formatDateTime(h.createdAt)}</td>
                <td>{h.releasedAt ? t("retention.releasedAt", { at: formatDateTime(h.releasedAt) }) : <span className="badge retention-active">{t("retention.active")}</span>}</td>
                {canManage && (
                  <td className="actions">
                    {!h.releasedAt && (
                      <button type="button" onClick={() => release(h)}>
                        {t("retention.release")}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
