// Admin console → LDAP / AD: the directory connection (saved in the server's settings, in effect on every node at once),
// a connection test, a preview of the sync (changes nothing) and a real run, and the last run's report.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import { SectionNotices } from "../SectionNotices";
import {
  loadLdap, saveLdap, syncLdap, testLdap, toForm, toRequest,
  type LdapForm, type LdapSettings, type LdapSyncEntry, type LdapSyncReport, type LdapTestResult,
} from "./ldapActions";
import "./ldap.css";

const ID_ATTRIBUTES = ["entryUUID", "objectGUID", "dn"] as const;
const DEPARTMENT_SOURCES = ["ou", "attribute", "none"] as const;
const ATTRIBUTES = ["username", "displayName", "email", "title", "phone", "employeeNumber", "department"] as const;

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="ldap-field">
      <span>{label}</span>
      {children}
      {hint && <span className="muted small">{hint}</span>}
    </label>
  );
}

function EntryList({ title, entries, total, testId }: { title: string; entries: LdapSyncEntry[]; total?: number; testId: string }) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  return (
    <div className="ldap-report-list" data-testid={testId}>
      <h4>
        {title} ({total ?? entries.length})
      </h4>
      <ul>
        {entries.map((e, i) => (
          <li key={`${e.username}-${i}`}>
            <strong>{e.displayName || e.username}</strong> <span className="muted">{e.username}</span>
            {e.changes && e.changes.length > 0 && <span className="muted"> · {e.changes.map((c) => t(`ldap.fields.${c}`, { defaultValue: c })).join(", ")}</span>}
            {e.reason && <span className="muted"> · {e.reason}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Report({ report, testId }: { report: LdapSyncReport; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="admin-card ldap-report" data-testid={testId}>
      <h3>{report.dryRun ? t("ldap.previewTitle") : t("ldap.runTitle", { at: formatDateTime(report.at) })}</h3>
      <p data-testid={`${testId}-summary`}>
        {t("ldap.summary", { seen: report.seen, created: report.createdCount, updated: report.updatedCount, deactivated: report.deactivatedCount, departments: report.departmentsCreated.length })}
      </p>
      {report.dryRun && <p className="muted small">{t("ldap.previewNote")}</p>}
      <EntryList title={report.dryRun ? t("ldap.toCreate") : t("ldap.created")} entries={report.created} total={report.createdCount} testId={`${testId}-created`} />
      <EntryList title={report.dryRun ? t("ldap.toUpdate") : t("ldap.updated")} entries={report.updated} total={report.updatedCount} testId={`${testId}-updated`} />
      <EntryList title={report.dryRun ? t("ldap.toDeactivate") : t("ldap.deactivated")} entries={report.deactivated} total={report.deactivatedCount} testId={`${testId}-deactivated`} />
      {report.departmentsCreated.length > 0 && (
        <div className="ldap-report-list" data-testid={`${testId}-departments`}>
          <h4>
            {report.dryRun ? t("ldap.departmentsToCreate") : t("ldap.departmentsCreated")} ({report.departmentsCreated.length})
          </h4>
          <ul>
            {report.departmentsCreated.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      )}
      <EntryList title={t("ldap.skipped")} entries={report.skipped} testId={`${testId}-skipped`} />
    </div>
  );
}

export default function LdapSection() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<LdapSettings | null>(null);
  const [form, setForm] = useState<LdapForm | null>(null);
  const [last, setLast] = useState<LdapSyncReport | null>(null);
  const [preview, setPreview] = useState<LdapSyncReport | null>(null);
  const [test, setTest] = useState<LdapTestResult | null>(null);
  const [busy, setBusy] = useState<"save" | "test" | "preview" | "run" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const fail = useCallback((err: unknown) => setError(errorMessage(t, err)), [t]);
  const reload = useCallback(async () => {
    try {
      const state = await loadLdap();
      setSettings(state.settings);
      setForm(toForm(state.settings));
      setLast(state.lastSync ?? null);
    } catch (err) {
      fail(err);
    }
  }, [fail]);
  useEffect(() => void reload(), [reload]);

  const set = <K extends keyof LdapForm>(key: K, value: LdapForm[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  const act = async (what: NonNullable<typeof busy>, run: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    setStatus(null);
    try {
      await run();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    void act("save", async () => {
      const saved = await saveLdap(toRequest(form));
      setSettings(saved);
      setForm(toForm(saved));
      setStatus(t("ldap.saved"));
    });
  };

  const runTest = () => form && void act("test", async () => setTest(await testLdap(toRequest(form, true))));
  const runPreview = () => void act("preview", async () => setPreview(await syncLdap(true)));
  const runSync = () => {
    if (!window.confirm(t("ldap.confirmRun"))) return;
    void act("run", async () => {
      const report = await syncLdap(false);
      setLast(report);
      setPreview(null);
      setStatus(t("ldap.ran"));
    });
  };

  const text = (key: keyof LdapForm, label: string, hint?: string, extra?: { placeholder?: string; type?: string; autoComplete?: string }) => (
    <Field label={label} hint={hint}>
      <input
        value={String(form?.[key] ?? "")} onChange={(e) => set(key, e.target.value as never)} name={key} data-testid={`ldap-${key}`}
        spellCheck={false} autoCapitalize="off" type={extra?.type ?? "text"} placeholder={extra?.placeholder} autoComplete={extra?.autoComplete ?? "off"}
      />
    </Field>
  );

  return (
    <div data-testid="admin-ldap">
      <h2>{t("admin.sections.ldap")}</h2>
      <p className="muted">{t("ldap.intro")}</p>
      <SectionNotices error={error} status={status} />
      {form && settings && (
        <form className="ldap-form" onSubmit={save} data-testid="ldap-form">
          <label className="ldap-check">
            <input type="checkbox" checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} data-testid="ldap-enabled" />
            <span>{t("ldap.enabled")}</span>
          </label>
          <fieldset className="admin-card ldap-grid">
            <legend>{t("ldap.connection")}</legend>
            {text("url", t("ldap.url"), t("ldap.urlHint"), { placeholder: "ldap://dc1.corp.example:389" })}
            {text("baseDn", t("ldap.baseDn"), undefined, { placeholder: "DC=corp,DC=example,DC=com" })}
            {text("bindDn", t("ldap.bindDn"), undefined, { placeholder: "CN=parley-svc,OU=Service,DC=corp,DC=example,DC=com" })}
            {text("bindPassword", t("ldap.bindPassword"), settings.bindPasswordSet ? t("ldap.passwordStored") : t("ldap.passwordNotSet"), {
              type: "password", autoComplete: "new-password", placeholder: settings.bindPasswordSet ? "••••••••" : "",
            })}
          </fieldset>
          <fieldset className="admin-card ldap-grid">
            <legend>{t("ldap.accounts")}</legend>
            {text("userFilter", t("ldap.userFilter"), t("ldap.userFilterHint"))}
            {text("syncFilter", t("ldap.syncFilter"), t("ldap.syncFilterHint"))}
            {text("disabledFilter", t("ldap.disabledFilter"), t("ldap.disabledFilterHint"))}
            <Field label={t("ldap.idAttribute")} hint={t("ldap.idAttributeHint")}>
              <select value={form.idAttribute} onChange={(e) => set("idAttribute", e.target.value)} data-testid="ldap-idAttribute">
                {ID_ATTRIBUTES.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("ldap.departmentSource")}>
              <select value={form.departmentSource} onChange={(e) => set("departmentSource", e.target.value)} data-testid="ldap-departmentSource">
                {DEPARTMENT_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {t(`ldap.departmentSources.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
          </fieldset>
          <fieldset className="admin-card ldap-grid">
            <legend>{t("ldap.mapping")}</legend>
            {ATTRIBUTES.map((a) => (
              <span key={a}>{text(a, t(`ldap.fields.${a}`))}</span>
            ))}
          </fieldset>
          <fieldset className="admin-card ldap-grid">
            <legend>{t("ldap.schedule")}</legend>
            {text("syncIntervalMinutes", t("ldap.syncInterval"), t("ldap.syncIntervalHint"))}
            <label className="ldap-check">
              <input type="checkbox" checked={form.deactivateMissing} onChange={(e) => set("deactivateMissing", e.target.checked)} />
              <span>{t("ldap.deactivateMissing")}</span>
            </label>
          </fieldset>
          <div className="admin-toolbar">
            <button type="submit" className="primary" disabled={busy !== null} data-testid="ldap-save">
              {t("common.save")}
            </button>
            <button type="button" onClick={runTest} disabled={busy !== null} data-testid="ldap-test">
              {busy === "test" ? t("ldap.testing") : t("ldap.test")}
            </button>
          </div>
        </form>
      )}
      {test && (
        <div className={`admin-card ldap-test ${test.ok ? "ok" : "bad"}`} role="status" data-testid="ldap-test-result" data-ok={test.ok}>
          <strong className={test.ok ? "health-ok" : "health-bad"}>
            {test.ok ? t("ldap.testOk", { count: test.usersFound ?? 0 }) : t(`ldap.testCodes.${test.code}`, { defaultValue: t("ldap.testFailed") })}
          </strong>
          {!test.ok && <p className="muted small ldap-detail">{test.message}</p>}
        </div>
      )}
      <h3>{t("ldap.sync")}</h3>
      <p className="muted">{settings && settings.syncIntervalMinutes > 0 ? t("ldap.scheduleEvery", { minutes: settings.syncIntervalMinutes }) : t("ldap.scheduleOff")}</p>
      <div className="admin-toolbar">
        <button type="button" onClick={runPreview} disabled={busy !== null || !settings?.enabled} data-testid="ldap-preview">
          {busy === "preview" ? t("ldap.working") : t("ldap.preview")}
        </button>
        <button type="button" className="primary" onClick={runSync} disabled={busy !== null || !settings?.enabled} data-testid="ldap-run">
          {busy === "run" ? t("ldap.working") : t("ldap.run")}
        </button>
      </div>
      {preview && <Report report={preview} testId="ldap-preview-report" />}
      <h3>{t("ldap.lastRun")}</h3>
      {last ? <Report report={last} testId="ldap-last-report" /> : <p className="muted">{t("ldap.neverRun")}</p>}
    </div>
  );
}
