// Admin console → Personal data: export a user's data for a data-subject request (compliance.manage), and erase a
// user on request (also users.manage): a dry run shows what would go and what a legal hold keeps; the erasure itself
// needs the username typed exactly. The server refuses a user under a legal hold (409 legal_hold).
import { useCallback, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useChat } from "../../core";
import { errorMessage } from "../auth/errorMessage";
import { SectionNotices } from "../admin/SectionNotices";
import { userIdByUsername } from "../admin/retention/retentionActions";
import { PersonalExportsList } from "./PersonalExportsList";
import { confirmed, eraseUser, requestUserExport, type ErasureResult } from "./personalDataActions";
import { usePersonalExports } from "./usePersonalExports";
import "./personalData.css";

const COUNTS: (keyof ErasureResult)[] = [
  "messages", "heldMessages", "files", "heldFiles", "sessions", "drafts", "bookmarks", "scheduledMessages", "reminders", "pushSubscriptions", "reactions", "exports",
];

export default function PersonalDataSection() {
  const { t } = useTranslation();
  const me = useChat((s) => s.me);
  const canErase = (me?.permissions ?? []).includes("users.manage") && (me?.permissions ?? []).includes("compliance.manage");
  const [username, setUsername] = useState("");
  const [target, setTarget] = useState<{ id: number; username: string } | null>(null);
  const [preview, setPreview] = useState<ErasureResult | null>(null);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const fail = useCallback((err: unknown) => setError(errorMessage(t, err)), [t]);
  const { exports, reload } = usePersonalExports(fail);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setStatus(null);
    setPreview(null);
    setTyped("");
    const name = username.trim();
    const id = await userIdByUsername(name).catch(() => null);
    if (id == null) {
      setTarget(null);
      setError(t("retention.noSuchUser", { target: name }));
      return;
    }
    setTarget({ id, username: name });
  };

  const exportData = async () => {
    if (!target) return;
    setError(null);
    try {
      await requestUserExport(target.id);
      setStatus(t("personalData.requestedFor", { username: target.username }));
      await reload();
    } catch (err) {
      fail(err);
    }
  };

  const dryRun = async () => {
    if (!target) return;
    setError(null);
    setStatus(null);
    try {
      setPreview(await eraseUser(target.id, true));
    } catch (err) {
      setPreview(null);
      fail(err);
    }
  };

  const erase = async () => {
    if (!target || !confirmed(typed, target.username)) return;
    setError(null);
    try {
      const done = await eraseUser(target.id, false);
      setPreview(null);
      setTyped("");
      setTarget(null);
      setUsername("");
      setStatus(t("personalData.erased", { username: target.username, messages: done.messages, files: done.files, held: done.heldMessages }));
    } catch (err) {
      fail(err);
    }
  };

  return (
    <div data-testid="admin-personal-data">
      <h2>{t("admin.sections.personalData")}</h2>
      <p className="muted">{t("personalData.adminIntro")}</p>
      <SectionNotices error={error} status={status} />
      <form className="admin-card admin-form" onSubmit={(e) => void find(e)} data-testid="personal-data-find">
        <label>
          {t("personalData.username")}
          <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" data-testid="personal-data-username" />
        </label>
        <button type="submit">{t("personalData.find")}</button>
      </form>

      {target && (
        <div className="admin-card personal-data-target" data-testid="personal-data-target">
          <p>
            <strong>@{target.username}</strong>
          </p>
          <div className="row wrap">
            <button type="button" onClick={() => void exportData()} data-testid="personal-data-export">
              {t("personalData.exportUser")}
            </button>
            {canErase && (
              <button type="button" onClick={() => void dryRun()} data-testid="personal-data-preview">
                {t("personalData.preview")}
              </button>
            )}
          </div>
          {preview && (
            <div className="erasure-preview" data-testid="erasure-preview">
              <p>{t("personalData.previewIntro")}</p>
              <dl className="erasure-counts">
                {COUNTS.map((key) => (
                  <div key={key} data-count={key}>
                    <dt>{t(`personalData.counts.${key}`)}</dt>
                    <dd>{preview[key] as number}</dd>
                  </div>
                ))}
              </dl>
              {preview.heldConversations > 0 && <p className="muted">{t("personalData.heldNote", { count: preview.heldConversations })}</p>}
              <p className="danger-text">{t("personalData.irreversible")}</p>
              <label className="field">
                <span>{t("personalData.typeToConfirm", { username: target.username })}</span>
                <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-testid="erasure-confirm" />
              </label>
              <button type="button" className="danger" disabled={!confirmed(typed, target.username)} onClick={() => void erase()} data-testid="erasure-go">
                {t("personalData.erase")}
              </button>
            </div>
          )}
        </div>
      )}

      <h3>{t("personalData.yourRequests")}</h3>
      {exports && exports.length === 0 && <p className="muted">{t("personalData.none")}</p>}
      {exports && exports.length > 0 && <PersonalExportsList exports={exports} showSubject onError={fail} />}
    </div>
  );
}
