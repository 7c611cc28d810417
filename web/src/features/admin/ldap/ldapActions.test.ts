import { describe, expect, it } from "vitest";
import { toForm, toRequest, type LdapSettings } from "./ldapActions";

const settings: LdapSettings = {
  enabled: true, url: "ldap://dc1.corp.example:389", bindDn: "CN=svc,DC=corp", bindPasswordSet: true, baseDn: "DC=corp",
  userFilter: "(&(objectClass=user)(sAMAccountName={0}))", syncFilter: null, disabledFilter: null, idAttribute: "objectGUID",
  departmentSource: "attribute",
  attributes: { username: "sAMAccountName", displayName: "displayName", email: "mail", title: null, phone: null, employeeNumber: null, department: "department" },
  syncIntervalMinutes: 60, deactivateMissing: true, timeoutSeconds: 10, source: "settings",
};

describe("ldap form", () => {
  it("roundTrip_KeepsTheStoredPassword_WhenTheFieldIsEmpty", () => {
    const request = toRequest(toForm(settings));
    expect(request.bindPassword).toBeNull();
    expect(request.attributes?.title).toBeNull();
    expect(request.attributes?.department).toBe("department");
    expect(request.syncIntervalMinutes).toBe(60);
  });

  it("typedPassword_IsSent_AndANonNumberIntervalIsRefusedByTheServer", () => {
    const form = { ...toForm(settings), bindPassword: "s3cret", syncIntervalMinutes: "soon" };
    const request = toRequest(form);
    expect(request.bindPassword).toBe("s3cret");
    expect(request.syncIntervalMinutes).toBe(-1);
  });
});
