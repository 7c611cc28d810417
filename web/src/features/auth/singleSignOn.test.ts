import { describe, expect, it } from "vitest";
import { safeReturnPath, ssoErrorKey, ssoStartUrl, takeSsoReturn } from "./singleSignOn";

describe("single sign-on on the sign-in page", () => {
  it("starts with the current place as a local return path", () => {
    expect(ssoStartUrl("/api/v1/auth/oidc/start", "#/c/5")).toBe("/api/v1/auth/oidc/start?returnUrl=%2F%23%2Fc%2F5");
  });

  it("takes the code out of the address bar", () => {
    let replaced = "";
    const location = { search: "?sso_code=sc_abc&x=1", pathname: "/", hash: "" } as Location;
    const history = { replaceState: (_s: unknown, _t: string, url: string) => (replaced = url) } as unknown as History;
    expect(takeSsoReturn(location, history)).toEqual({ code: "sc_abc", error: null });
    expect(replaced).toBe("/?x=1");
  });

  it("goes home for anything but a local path", () => {
    expect(safeReturnPath("/#/c/5")).toBe("/#/c/5");
    expect(safeReturnPath("//evil.example")).toBe("/");
    expect(safeReturnPath("/\\evil.example")).toBe("/");
    expect(safeReturnPath("https://evil.example")).toBe("/");
  });

  it("maps unknown errors to the general one", () => {
    expect(ssoErrorKey("access_denied")).toBe("auth.sso.errors.access_denied");
    expect(ssoErrorKey("<script>")).toBe("auth.sso.errors.sso_failed");
  });
});
