// Admin console → Health: nodes, database, Redis, storage, writer, durable subscribers and recent errors, from
// GET /api/v1/admin/health (system.manage). Refreshes every 15 s while shown.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdminHealthDto } from "../../../api/types";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import { formatBytes, loadHealth, uptimeParts } from "./healthActions";

const refreshMs = 15_000;

export default function HealthSection() {
  const { t } = useTranslation();
  const [health, setHealth] = useState<AdminHealthDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    loadHealth()
      .then((h) => (setHealth(h), setError(null)))
      .catch((err: unknown) => setError(errorMessage(t, err)));
  }, [t]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, refreshMs);
    return () => clearInterval(timer);
  }, [refresh]);

  const uptime = (s: number) => {
    const { d, h, m } = uptimeParts(s);
    return d > 0 ? t("admin.health.uptimeDays", { d, h }) : h > 0 ? t("admin.health.uptimeHours", { h, m }) : t("admin.health.uptimeMinutes", { m });
  };
  const status = (ok: boolean) => <span className={ok ? "health-ok" : "health-bad"}>{ok ? t("admin.health.ok") : t("admin.health.down")}</span>;

  return (
    <div data-testid="admin-health">
      <div className="admin-toolbar">
        <h2 style={{ flex: 1, margin: 0 }}>{t("admin.sections.health")}</h2>
        <button type="button" onClick={refresh} data-testid="admin-health-refresh">
          {t("admin.health.refresh")}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {health && (
        <>
          <p className="muted">{t("admin.health.checkedAt", { at: formatDateTime(health.checkedAt) })}</p>
          <section className="admin-card">
            <h3>{t("admin.health.nodes")}</h3>
            <table className="admin-table" data-testid="admin-health-nodes">
              <thead>
                <tr>
                  <th>{t("admin.health.node")}</th>
                  <th>{t("admin.health.version")}</th>
                  <th>{t("admin.health.uptime")}</th>
                  <th>{t("admin.health.connections")}</th>
                </tr>
              </thead>
              <tbody>
                {health.nodes.map((n) => (
                  <tr key={n.node}>
                    <td>
                      {n.node}
                      {n.node === health.thisNode && <span className="muted"> · {t("admin.health.thisNode")}</span>}
                    </td>
                    <td>
                      <span className="health-cell-label">{t("admin.health.version")} </span>
                      {n.version}
                    </td>
                    <td>
                      <span className="health-cell-label">{t("admin.health.uptime")} </span>
                      {uptime(n.uptimeSeconds)}
                    </td>
                    <td>
                      <span className="health-cell-label">{t("admin.health.connections")} </span>
                      {n.connections}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <div className="health-grid">
            <section className="admin-card" data-testid="admin-health-database">
              <h3>{t("admin.health.database")}</h3>
              <dl>
                <dt>{t("admin.health.status")}</dt>
                <dd>{status(health.database.healthy)}</dd>
                <dt>{t("admin.health.provider")}</dt>
                <dd>{health.database.provider}</dd>
                <dt>{t("admin.health.schema")}</dt>
                <dd>
                  {t("admin.health.schemaOf", { schema: health.database.schemaVersion, binary: health.database.binarySchemaVersion })}
                </dd>
                <dt>{t("admin.health.latency")}</dt>
                <dd>{t("admin.health.ms", { ms: health.database.latencyMs })}</dd>
              </dl>
              {health.database.error && <p className="error">{health.database.error}</p>}
            </section>
            <section className="admin-card" data-testid="admin-health-redis">
              <h3>Redis</h3>
              <dl>
                <dt>{t("admin.health.status")}</dt>
                <dd>{health.redis.configured ? status(health.redis.healthy) : <span className="muted">{t("admin.health.notConfigured")}</span>}</dd>
                {health.redis.latencyMs != null && (
                  <>
                    <dt>{t("admin.health.latency")}</dt>
                    <dd>{t("admin.health.ms", { ms: health.redis.latencyMs })}</dd>
                  </>
                )}
              </dl>
              {health.redis.error && <p className="error">{health.redis.error}</p>}
            </section>
            <section className="admin-card" data-testid="admin-health-storage">
              <h3>{t("admin.health.storage")}</h3>
              <dl>
                <dt>{t("admin.health.provider")}</dt>
                <dd>{health.storage.filesProvider}</dd>
                <dt>{t("admin.health.files")}</dt>
                <dd>{t("admin.health.filesOf", { count: health.storage.files, size: formatBytes(health.storage.fileBytes) })}</dd>
                <dt>{t("admin.health.disk")}</dt>
                <dd>
                  {t("admin.health.diskOf", { free: formatBytes(health.storage.dataFolderFreeBytes), total: formatBytes(health.storage.dataFolderTotalBytes) })}
                </dd>
              </dl>
            </section>
            <section className="admin-card" data-testid="admin-health-writer">
              <h3>{t("admin.health.writer")}</h3>
              <dl>
                <dt>{t("admin.health.queue")}</dt>
                <dd>{health.writer.queueDepth}</dd>
                <dt>{t("admin.health.commits")}</dt>
                <dd>{health.writer.commits}</dd>
                <dt>{t("admin.health.meanBatch")}</dt>
                <dd>{Number(health.writer.meanBatchSize).toFixed(1)}</dd>
                <dt>{t("admin.health.meanCommit")}</dt>
                <dd>{t("admin.health.ms", { ms: Number(health.writer.meanCommitMs).toFixed(2) })}</dd>
                <dt>{t("admin.health.commitFailures")}</dt>
                <dd className={health.writer.commitFailures > 0 ? "health-bad" : undefined}>{health.writer.commitFailures}</dd>
              </dl>
            </section>
          </div>
          <section className="admin-card">
            <h3>{t("admin.health.subscribers")}</h3>
            {health.subscribers.length === 0 ? (
              <p className="muted">{t("admin.health.none")}</p>
            ) : (
              <table className="admin-table" data-testid="admin-health-subscribers">
                <thead>
                  <tr>
                    <th>{t("admin.health.subscriber")}</th>
                    <th>{t("admin.health.lag")}</th>
                    <th>{t("admin.health.failures")}</th>
                    <th>{t("admin.health.lastError")}</th>
                  </tr>
                </thead>
                <tbody>
                  {health.subscribers.map((s) => (
                    <tr key={s.name}>
                      <td>
                        {s.name} <span className="muted">({s.stream})</span>
                      </td>
                      <td>
                        <span className="health-cell-label">{t("admin.health.lag")} </span>
                        {s.lag}
                      </td>
                      <td className={s.failures > 0 ? "health-bad" : undefined}>
                        <span className="health-cell-label">{t("admin.health.failures")} </span>
                        {s.failures}
                      </td>
                      <td>
                        <span className="health-cell-label">{t("admin.health.lastError")} </span>
                        {s.lastError ?? "–"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="admin-card">
            <h3>{t("admin.health.recentErrors")}</h3>
            {health.recentErrors.length === 0 ? (
              <p className="muted" data-testid="admin-health-no-errors">
                {t("admin.health.noErrors")}
              </p>
            ) : (
              <table className="admin-table">
                <tbody>
                  {health.recentErrors.map((e, i) => (
                    <tr key={i}>
                      <td>{formatDateTime(e.at)}</td>
                      <td>{e.code}</td>
                      <td>{e.where}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
