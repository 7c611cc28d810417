// Admin console → Dashboard (the first section): users, active today, conversations, storage, and messages per day
// for the last 30 days as a bar chart drawn in SVG (no chart library); the same figures are in a table for screen readers.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { adminApi } from "../../../api/endpoints";
import type { DashboardDto } from "../../../api/types";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import { formatBytes } from "../health/healthActions";
import "./dashboard.css";

export default function DashboardSection() {
  const { t } = useTranslation();
  const [data, setData] = useState<DashboardDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    adminApi
      .dashboard()
      .then((d) => (setData(d), setError(null)))
      .catch((err: unknown) => setError(errorMessage(t, err)));
  }, [t]);
  useEffect(refresh, [refresh]);

  return (
    <div data-testid="admin-dashboard">
      <div className="admin-toolbar">
        <h2 style={{ flex: 1, margin: 0 }}>{t("admin.sections.dashboard")}</h2>
        <button type="button" onClick={refresh} data-testid="admin-dashboard-refresh">
          {t("admin.health.refresh")}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <p className="muted">{t("admin.dashboard.generatedAt", { at: formatDateTime(data.generatedAt) })}</p>
          <div className="dashboard-figures">
            <Figure id="users" label={t("admin.dashboard.users")} value={data.users.total} note={t("admin.dashboard.usersNote", { active: data.users.active, deactivated: data.users.deactivated })} />
            <Figure id="active-today" label={t("admin.dashboard.activeToday")} value={data.activeToday} />
            <Figure id="conversations" label={t("admin.dashboard.conversations")} value={data.conversations} />
            <Figure
              id="storage"
              label={t("admin.dashboard.storage")}
              value={formatBytes(data.storage.fileBytes)}
              note={t("admin.dashboard.storageNote", { files: data.storage.files, database: formatBytes(data.storage.databaseBytes) })}
            />
          </div>
          <MessagesChart days={data.messagesPerDay} />
        </>
      )}
    </div>
  );
}

function Figure({ id, label, value, note }: { id: string; label: string; value: number | string; note?: string }) {
  return (
    <section className="admin-card dashboard-figure" data-testid={`dashboard-${id}`}>
      <h3>{label}</h3>
      <p className="dashboard-value">{typeof value === "number" ? value.toLocaleString() : value}</p>
      {note && <p className="muted small">{note}</p>}
    </section>
  );
}

const W = 600, H = 160, GAP = 4;

function MessagesChart({ days }: { days: DashboardDto["messagesPerDay"] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const bar = (W - GAP * (days.length - 1)) / Math.max(1, days.length);
  const summary = t("admin.dashboard.chartSummary", { total, max, from: days[0]?.day ?? "", to: days[days.length - 1]?.day ?? "" });
  return (
    <figure className="admin-card dashboard-chart" data-testid="dashboard-messages">
      <figcaption>
        <h3>{t("admin.dashboard.messagesPerDay")}</h3>
        <span className="muted small">{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={summary} className="dashboard-bars">
        <line x1={0} y1={H - 0.5} x2={W} y2={H - 0.5} className="dashboard-baseline" />
        {days.map((d, i) => {
          const h = d.count === 0 ? 0 : Math.max(2, (d.count / max) * (H - 4));
          return (
            <rect key={d.day} x={i * (bar + GAP)} y={H - h} width={bar} height={h} rx={2} data-day={d.day} data-count={d.count}>
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <div className="dashboard-axis muted small" aria-hidden="true">
        <span>{days[0]?.day}</span>
        <span>{t("admin.dashboard.peak", { max })}</span>
        <span>{days[days.length - 1]?.day}</span>
      </div>
      <table className="sr-only">
        <caption>{t("admin.dashboard.messagesPerDay")}</caption>
        <thead>
          <tr>
            <th>{t("admin.dashboard.day")}</th>
            <th>{t("admin.dashboard.messages")}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
