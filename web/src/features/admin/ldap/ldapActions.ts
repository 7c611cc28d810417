// Calls of the admin console's LDAP / AD section (system.manage): settings, test connection, preview and run the sync.
import { request } from "../../../api/http";
import type { components } from "../../../api/schema.gen";

type Schemas = components["schemas"];
export type LdapSettings = Schemas["LdapSettingsDto"];
export type LdapState = Schemas["LdapStateDto"];
export type LdapSettingsRequest = Schemas["UpdateLdapSettingsRequest"];
export type LdapTestResult = Schemas["LdapTestResultDto"];
export type LdapSyncReport = Schemas["LdapSyncReportDto"];
export type LdapSyncEntry = Schemas["LdapSyncEntryDto"];

export const loadLdap = () => request<LdapState>("GET", "/admin/ldap");

export const saveLdap = (body: LdapSettingsRequest) => request<LdapSettings>("PUT", "/admin/ldap", { body });

/** Tests the settings as shown in the form (not saved); an empty password field uses the stored one. */
export const testLdap = (body: LdapSettingsRequest) => request<LdapTestResult>("POST", "/admin/ldap/test", { body });

export const syncLdap = (dryRun: boolean) => request<LdapSyncReport>("POST", "/admin/ldap/sync", { query: { dryRun: dryRun ? "true" : "false" } });

/** The editable form: every setting as text or a flag; the password field starts empty (it is never sent to clients). */
export interface LdapForm {
  enabled: boolean;
  url: string;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  userFilter: string;
  syncFilter: string;
  disabledFilter: string;
  idAttribute: string;
  departmentSource: string;
  username: string;
  displayName: string;
  email: string;
  title: string;
  phone: string;
  employeeNumber: string;
  department: string;
  syncIntervalMinutes: string;
  deactivateMissing: boolean;
}

export function toForm(s: LdapSettings): LdapForm {
  const a = s.attributes;
  return {
    enabled: s.enabled,
    url: s.url ?? "",
    bindDn: s.bindDn ?? "",
    bindPassword: "",
    baseDn: s.baseDn ?? "",
    userFilter: s.userFilter,
    syncFilter: s.syncFilter ?? "",
    disabledFilter: s.disabledFilter ?? "",
    idAttribute: s.idAttribute,
    departmentSource: s.departmentSource,
    username: a.username,
    displayName: a.displayName,
    email: a.email ?? "",
    title: a.title ?? "",
    phone: a.phone ?? "",
    employeeNumber: a.employeeNumber ?? "",
    department: a.department ?? "",
    syncIntervalMinutes: String(s.syncIntervalMinutes),
    deactivateMissing: s.deactivateMissing,
  };
}

/** The request for the form: an empty password keeps the stored one (null); blank optional fields are cleared. */
export function toRequest(f: LdapForm, enabled = f.enabled): LdapSettingsRequest {
  const minutes = Number(f.syncIntervalMinutes.trim());
  return {
    enabled,
    url: f.url.trim(),
    bindDn: f.bindDn.trim(),
    bindPassword: f.bindPassword === "" ? null : f.bindPassword,
    baseDn: f.baseDn.trim(),
    userFilter: f.userFilter.trim(),
    syncFilter: f.syncFilter.trim(),
    disabledFilter: f.disabledFilter.trim(),
    idAttribute: f.idAttribute,
    departmentSource: f.departmentSource,
    attributes: {
      username: f.username.trim(),
      displayName: f.displayName.trim(),
      email: f.email.trim() || null,
      title: f.title.trim() || null,
      phone: f.phone.trim() || null,
      employeeNumber: f.employeeNumber.trim() || null,
      department: f.department.trim() || null,
    },
    syncIntervalMinutes: Number.isInteger(minutes) ? minutes : -1,
    deactivateMissing: f.deactivateMissing,
  };
}
