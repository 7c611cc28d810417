// Admin console → Exports: e-discovery exports of messages by date range, senders and conversations, written in the
// background (progress shown while it runs) and downloadable by the person who asked for them (compliance.read).
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import { SectionNotices } from "../SectionNotices";
import { createExport, downloadExport, listExports, type ComplianceExport, type ExportForm } from "./exportActions";
import "../retention/retention.css";

const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

function initialForm(language: string): ExportForm {
  const today = new Date();
  const monthAgo = new Date(today);
  monthAgo.setDate(today.getDate() - 30);
  return { from: day(monthAgo), to: day(today), usernames: "", conversationIds: "", language: language.startsWith("zh") ? "zh-CN" : "en" };
}

function sizeText(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

export default function ExportsSection() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<ExportForm>(() => initialForm(i18n.language));
  const [exports, setExports] = useState<ComplianceExport[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const fail = useCallback(
    (err: unknown) => {
      const e = err as Error & { username?: string };
      if (e.message === "range") setError(t("exports.badRange"));
      else if (e.message === "user") setError(t("retention.noSuchUser", { target: e.username }));
      else if (e.message === "conversation") setError(t("retention.badConversation"));
      else setError(errorMessage(t, err));
    },
    [t],
  );
  const reload = useCallback(() => listExports().then((x) => setExports(x), fail), [fail]);
  useEffect(() => void reload(), [reload]);

  // While one is being written, look again every two seconds.
  const busy = exports?.some((x) => x.status === "queued" || x.status === "running") ?? false;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void reload(), 2000);
    return () => clearInterval(timer);
  }, [busy, reload]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await createExport(form);
      setStatus(t("exports.requested"));
      await reload();
    } catch (err) {
      fail(err);
    }
  };

  const set = (patch: Partial<ExportForm>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <div data-testid="admin-exports">
      <h2>{t("admin.sections.exports")}</h2>
      <p className="muted">{t("exports.intro")}</p>
      <SectionNotices error={error} status={status} />
      <form className="admin-card admin-form exports-form" onSubmit={submit} data-testid="exports-form">
        <label>
          {t("exports.from")}
          <input type="date" value={form.from} onChange={(e) => set({ from: e.target.value })} required />
        </label>
        <label>
          {t("exports.to")}
          <input type="date" value={form.to} onChange={(e) => set({ to: e.target.value })} required />
        </label>
        <label>
          {t("exports.usernames")}
          <input value={form.usernames} onChange={(e) => set({ usernames: e.target.value })} placeholder={t("exports.everyone")} />
        </label>
        <label>
          {t("exports.conversations")}
          <input value={form.conversationIds} onChange={(e) => set({ conversationIds: e.target.value })} placeholder={t("exports.everyConversation")} />
        </label>
        <label>
          {t("exports.language")}
          <select value={form.language} onChange={(e) => set({ language: e.target.value as ExportForm["language"] })}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="submit" className="primary">
          {t("exports.create")}
        </button>
      </form>

      {exports && exports.length === 0 && <p className="muted">{t("exports.none")}</p>}
      {exports && exports.length > 0 && (
        <table className="admin-table" data-testid="exports-list">
          <thead>
            <tr>
              <th>{t("exports.requestedAt")}</th>
              <th>{t("exports.range")}</th>
              <th>{t("exports.state")}</th>
              <th aria-label={t("moderation.actionsColumn")} />
            </tr>
          </thead>
          <tbody>
            {exports.map((x) => (
              <tr key={x.id} data-export-id={x.id} data-status={x.status}>
                <td>{formatDateTime(x.createdAt)}</td>
                <td>
                  {/* The range is half-open: the last day shown is the one before "to". */}
                  {formatDate(new Date(x.from))} – {formatDate(new Date(Date.parse(x.to) - 1))}
                  {(x.userIds?.length ?? 0) > 0 && <> · {t("exports.someUsers", { count: x.userIds!.length })}</>}
                  {(x.conversationIds?.length ?? 0) > 0 && <> · {t("exports.someConversations", { count: x.conversationIds!.length })}</>}
                </td>
                <td>
                  {x.status === "done"
                    ? t("exports.done", { messages: x.messages, files: x.files, size: sizeText(x.bytes) })
                    : x.status === "failed"
                      ? t("exports.failed", { error: x.error ?? "" })
                      : x.status === "running"
                        ? t("exports.running", { messages: x.messages, total: x.total })
                        : x.status === "expired"
                          ? t("exports.expired")
                          : t("exports.queued")}
                </td>
                <td className="actions">
                  {x.status === "done" && (
                    <button type="button" onClick={() => void downloadExport(x.id).catch(fail)}>
                      {t("exports.download")}
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
