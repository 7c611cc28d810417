// Admin console → Sensitive words: the rules (block, mask, flag), adding one or a word list, exporting a list,
// and trying a sentence against the rules. Changing needs compliance.manage; reading, compliance.read.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useChat } from "../../../core";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import {
  addRule, deleteRule, getExemptions, importRules, listRules, moderationActions, moderationScopes, parseIds, setExemptions, testText, wordList,
  type ModerationAction, type ModerationRule, type ModerationScope, type ModerationTestResult,
} from "./moderationActions";
import { saveFile } from "../saveFile";
import { SectionNotices } from "../SectionNotices";
import "./moderation.css";

function ActionSelect({ value, onChange, label }: { value: ModerationAction; onChange: (a: ModerationAction) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as ModerationAction)} aria-label={label}>
      {moderationActions.map((a) => (
        <option key={a} value={a}>
          {t(`moderation.actions.${a}`)}
        </option>
      ))}
    </select>
  );
}

export default function ContentRulesSection() {
  const { t } = useTranslation();
  const canManage = useChat((s) => s.me?.permissions?.includes("compliance.manage") ?? false);
  const [rules, setRules] = useState<ModerationRule[] | null>(null);
  const [filter, setFilter] = useState("");
  const [pattern, setPattern] = useState("");
  const [action, setAction] = useState<ModerationAction>("block");
  const [scope, setScope] = useState<ModerationScope>("all");
  const [scopeIds, setScopeIds] = useState("");
  const [exemptUsers, setExemptUsers] = useState("");
  const [exemptConversations, setExemptConversations] = useState("");
  const [pinyin, setPinyin] = useState(false);
  const [globalUsers, setGlobalUsers] = useState("");
  const [globalConversations, setGlobalConversations] = useState("");
  const [list, setList] = useState("");
  const [listAction, setListAction] = useState<ModerationAction>("mask");
  const [sample, setSample] = useState("");
  const [result, setResult] = useState<ModerationTestResult | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback((err: unknown) => setError(errorMessage(t, err)), [t]);
  const reload = useCallback(() => listRules().then((r) => (setRules(r), setError(null)), fail), [fail]);
  useEffect(() => void reload(), [reload]);
  useEffect(() => {
    getExemptions().then((x) => (setGlobalUsers(x.userIds.join(", ")), setGlobalConversations(x.conversationIds.join(", "))), () => undefined);
  }, []);

  const shown = useMemo(() => (rules ?? []).filter((r) => !filter.trim() || r.pattern.includes(filter.trim())), [rules, filter]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!pattern.trim()) return;
    try {
      await addRule(pattern.trim(), action, {
        scope,
        conversationIds: scope === "conversations" ? parseIds(scopeIds) : undefined,
        exemptUserIds: parseIds(exemptUsers),
        exemptConversationIds: parseIds(exemptConversations),
        pinyin,
      });
      setPattern("");
      setExemptUsers("");
      setExemptConversations("");
      setPinyin(false);
      setStatus(t("moderation.added"));
      await reload();
    } catch (err) {
      fail(err);
    }
  };

  const runImport = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await importRules(list, listAction);
      setList("");
      setStatus(t("moderation.imported", { added: r.added, skipped: r.skipped }));
      await reload();
    } catch (err) {
      fail(err);
    }
  };

  const saveExemptions = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const x = await setExemptions(parseIds(globalUsers), parseIds(globalConversations));
      setGlobalUsers(x.userIds.join(", "));
      setGlobalConversations(x.conversationIds.join(", "));
      setStatus(t("common.saved"));
      setError(null);
    } catch (err) {
      fail(err);
    }
  };

  const scopeLabel = (r: ModerationRule) =>
    r.scope === "external"
      ? t("moderation.scopes.external")
      : r.conversationIds?.length
        ? t("moderation.someConversations", { count: r.conversationIds.length })
        : t("moderation.everywhere");

  const runTest = async (e: FormEvent) => {
    e.preventDefault();
    if (!sample.trim()) return;
    testText(sample).then((r) => (setResult(r), setError(null)), fail);
  };

  const remove = async (rule: ModerationRule) => {
    if (!window.confirm(t("moderation.confirmDelete", { pattern: rule.pattern }))) return;
    deleteRule(rule.id).then(reload, fail);
  };

  return (
    <div data-testid="admin-content-rules">
      <h2>{t("admin.sections.contentRules")}</h2>
      <p className="muted">{t("moderation.intro")}</p>
      <SectionNotices error={error} status={status} />
      {canManage && (
        <form className="admin-toolbar moderation-add" onSubmit={add} data-testid="moderation-add">
          <input value={pattern} onChange={(e) => setPattern(e.target.value)} placeholder={t("moderation.pattern")} aria-label={t("moderation.pattern")} maxLength={100} data-testid="moderation-pattern" />
          <ActionSelect value={action} onChange={setAction} label={t("moderation.action")} />
          <select value={scope} onChange={(e) => setScope(e.target.value as ModerationScope)} aria-label={t("moderation.scope")} data-testid="moderation-scope">
            {moderationScopes.map((s) => (
              <option key={s} value={s}>
                {t(`moderation.scopes.${s}`)}
              </option>
            ))}
          </select>
          {scope === "conversations" && (
            <input value={scopeIds} onChange={(e) => setScopeIds(e.target.value)} placeholder={t("moderation.conversationIds")} aria-label={t("moderation.conversationIds")} />
          )}
          <input value={exemptUsers} onChange={(e) => setExemptUsers(e.target.value)} placeholder={t("moderation.exemptUsers")} aria-label={t("moderation.exemptUsers")} data-testid="moderation-exempt-users" />
          <input value={exemptConversations} onChange={(e) => setExemptConversations(e.target.value)} placeholder={t("moderation.exemptConversations")} aria-label={t("moderation.exemptConversations")} />
          <label className="checkbox" title={t("moderation.pinyinHint")}>
            <input type="checkbox" checked={pinyin} onChange={(e) => setPinyin(e.target.checked)} data-testid="moderation-pinyin" /> {t("moderation.pinyin")}
          </label>
          <button type="submit" className="primary">
            {t("moderation.add")}
          </button>
        </form>
      )}
      {canManage && (
        <form className="admin-card admin-form moderation-exemptions" onSubmit={saveExemptions} data-testid="moderation-exemptions">
          <h3>{t("moderation.globalExemptions")}</h3>
          <p className="muted small">{t("moderation.globalExemptionsIntro")}</p>
          <label>
            {t("moderation.exemptUsers")}
            <input value={globalUsers} onChange={(e) => setGlobalUsers(e.target.value)} />
          </label>
          <label>
            {t("moderation.exemptConversations")}
            <input value={globalConversations} onChange={(e) => setGlobalConversations(e.target.value)} />
          </label>
          <button type="submit">{t("common.save")}</button>
        </form>
      )}

      <form className="admin-card moderation-test" onSubmit={runTest} data-testid="moderation-test">
        <label>
          {t("moderation.testLabel")}
          <textarea value={sample} onChange={(e) => setSample(e.target.value)} rows={2} maxLength={16000} />
        </label>
        <button type="submit">{t("moderation.test")}</button>
        {result && (
          <div role="status" data-testid="moderation-test-result">
            <p>
              <strong>{t(`moderation.outcomes.${result.outcome}`)}</strong>
              {result.outcome !== "accept" && result.outcome !== "block" && <> — {result.text}</>}
            </p>
            {result.matches.length > 0 && (
              <ul>
                {result.matches.map((m, i) => (
                  <li key={i}>
                    “{m.matched}” → {m.pattern} ({t(`moderation.actions.${m.action}`)})
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>

      <div className="admin-toolbar">
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t("moderation.filter")} aria-label={t("moderation.filter")} />
        {moderationActions.map((a) => (
          <button key={a} type="button" onClick={() => saveFile(`parley-${a}.txt`, wordList(rules ?? [], a))} disabled={!rules?.some((r) => r.action === a)}>
            {t("moderation.export", { action: t(`moderation.actions.${a}`) })}
          </button>
        ))}
      </div>
      {rules && shown.length === 0 && <p className="muted">{rules.length === 0 ? t("moderation.none") : t("common.noResults")}</p>}
      {shown.length > 0 && (
        <table className="admin-table" data-testid="moderation-rules">
          <thead>
            <tr>
              <th>{t("moderation.pattern")}</th>
              <th>{t("moderation.action")}</th>
              <th>{t("moderation.scope")}</th>
              <th>{t("admin.users.created")}</th>
              {canManage && <th aria-label={t("moderation.actionsColumn")} />}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <td>{r.pattern}</td>
                <td>
                  <span className={`badge moderation-${r.action}`}>{t(`moderation.actions.${r.action}`)}</span>
                </td>
                <td>
                  {scopeLabel(r)}
                  {r.pinyin && <span className="badge quiet moderation-tag">{t("moderation.pinyin")}</span>}
                  {(r.exemptUserIds?.length || r.exemptConversationIds?.length) ? (
                    <div className="muted small">
                      {t("moderation.exemptSummary", { users: r.exemptUserIds?.join(", ") || "—", conversations: r.exemptConversationIds?.join(", ") || "—" })}
                    </div>
                  ) : null}
                </td>
                <td>{formatDateTime(r.createdAt)}</td>
                {canManage && (
                  <td className="actions">
                    <button type="button" onClick={() => void remove(r)} aria-label={t("moderation.deleteRule", { pattern: r.pattern })}>
                      {t("moderation.delete")}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {canManage && (
        <form className="admin-card admin-form moderation-import" onSubmit={runImport} data-testid="moderation-import">
          <label>
            {t("moderation.importLabel")}
            <textarea value={list} onChange={(e) => setList(e.target.value)} rows={4} />
          </label>
          <ActionSelect value={listAction} onChange={setListAction} label={t("moderation.action")} />
          <button type="submit" disabled={!list.trim()}>
            {t("moderation.import")}
          </button>
        </form>
      )}
    </div>
  );
}
