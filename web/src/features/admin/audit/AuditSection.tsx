// Admin console → Audit: the system stream, newest first, filtered by action, actor and days; CSV export.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ErrorText } from "../../../ui/ErrorText";
import { useTranslation } from "react-i18next";
import type { AuditEntryDto } from "../../../api/types";
import type { AuditFilters } from "../../../api/endpoints";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import { auditPage, downloadCsv, KNOWN_ACTIONS, toFilters, type AuditForm } from "./auditActions";

export default function AuditSection() {
  const { t } = useTranslation();
  const [form, setForm] = useState<AuditForm>({ action: "", actor: "", from: "", to: "" });
  const [filters, setFilters] = useState<AuditFilters | null>({});
  const [items, setItems] = useState<AuditEntryDto[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (f: AuditFilters | null, before?: number) => {
      setError(null);
      if (!f) {
        setItems([]);
        setNext(null);
        return;
      }
      try {
        const page = await auditPage(f, before);
        setItems((all) => (before ? [...all, ...page.items] : page.items));
        setNext(page.nextBefore ?? null);
      } catch (err) {
        setError(errorMessage(t, err));
      }
    },
    [t],
  );

  useEffect(() => void load({}), [load]);

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    const f = await toFilters(form);
    setFilters(f);
    await load(f);
  };

  const set = (key: keyof AuditForm) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((v) => ({ ...v, [key]: e.target.value }));

  return (
    <div data-testid="admin-audit">
      <h2>{t("admin.sections.audit")}</h2>
      <form className="admin-toolbar" onSubmit={(e) => void apply(e)} role="search">
        <input list="audit-actions" value={form.action} onChange={set("action")} placeholder={t("admin.audit.action")} aria-label={t("admin.audit.action")} data-testid="audit-action" />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <input value={form.actor} onChange={set("actor")} placeholder={t("admin.audit.actor")} aria-label={t("admin.audit.actor")} />
        <label className="field inline">
          <span>{t("admin.audit.from")}</span>
          <input type="date" value={form.from} onChange={set("from")} />
        </label>
        <label className="field inline">
          <span>{t("admin.audit.to")}</span>
          <input type="date" value={form.to} onChange={set("to")} />
        </label>
        <button type="submit" className="primary">
          {t("admin.audit.filter")}
        </button>
        <button type="button" disabled={!filters} onClick={() => filters && void downloadCsv(filters).catch((err: unknown) => setError(errorMessage(t, err)))} data-testid="audit-csv">
          {t("admin.audit.exportCsv")}
        </button>
      </form>
      <ErrorText error={error} />
      {items.length === 0 && !error && <p className="muted">{t("common.noResults")}</p>}
      {items.length > 0 && (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t("admin.audit.at")}</th>
              <th>{t("admin.audit.action")}</th>
              <th>{t("admin.audit.actor")}</th>
              <th>{t("admin.audit.target")}</th>
              <th>{t("admin.audit.ip")}</th>
              <th>{t("admin.audit.details")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td>{formatDateTime(e.at)}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.actorUsername ?? (e.actorId ? `#${e.actorId}` : t(`admin.audit.via.${e.via}`, { defaultValue: e.via }))}</td>
                <td>{e.targetId ? `${e.targetType ?? ""} #${e.targetId}` : ""}</td>
                <td>{e.ip ?? ""}</td>
                <td className="audit-details">{e.details ? JSON.stringify(e.details) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void load(filters, next)}>
          {t("admin.audit.more")}
        </button>
      )}
    </div>
  );
}
