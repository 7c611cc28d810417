import { describe, expect, it } from "vitest";
import sampleCny from "../../../../src/Parley.Planner/Samples/company-1000-cny.json";
import { formFromScenario } from "./scenario";
import { decodeShare, encodeShare, plannerHash, shareUrl, type SharePayload } from "./share";
import { parseRoute } from "../../app/route";
import type { Scenario } from "./types";

const scenario = sampleCny as unknown as Scenario;

describe("share links", () => {
  it("formRoundTrip", async () => {
    const payload: SharePayload = { v: 1, form: { ...formFromScenario(scenario), headcount: 4321, options: ["parley-onprem", "saas-per-seat"] } };
    const encoded = await encodeShare(payload);
    expect(encoded).toMatch(/^z[A-Za-z0-9_-]+$/);
    expect(await decodeShare(encoded)).toEqual(payload);
  });

  it("scenarioRoundTripIsCompressed", async () => {
    const payload: SharePayload = { v: 1, scenario: { ...scenario, organization: { headcount: 12, employee_hour_cost: 99 }, note: "中文 ✓" } };
    const encoded = await encodeShare(payload);
    expect(await decodeShare(encoded)).toEqual(payload);
    expect(encoded.length).toBeLessThan(JSON.stringify(payload).length / 2);
  });

  it("survivesTheRouteParser", async () => {
    const encoded = await encodeShare({ v: 1, scenario });
    const url = shareUrl(encoded, { origin: "https://chat.example.com", pathname: "/" });
    expect(url).toBe(`https://chat.example.com/#${plannerHash(encoded)}`);
    const route = parseRoute(new URL(url).hash);
    expect(route).toEqual({ name: "planner", share: encoded });
    expect(await decodeShare(encoded)).toEqual({ v: 1, scenario });
  });

  it("plainFallbackDecodes", async () => {
    const json = JSON.stringify({ v: 1, form: formFromScenario(scenario) });
    const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(json))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(await decodeShare("j" + b64)).toEqual({ v: 1, form: formFromScenario(scenario) });
  });

  it("rejectsDamagedOrForeignLinks", async () => {
    const encoded = await encodeShare({ v: 1, scenario });
    expect(await decodeShare(encoded.slice(0, 20))).toBeNull();
    expect(await decodeShare("x" + encoded.slice(1))).toBeNull();
    expect(await decodeShare("")).toBeNull();
    expect(await decodeShare("j" + btoa('{"v":2,"form":{}}'))).toBeNull();
    expect(await decodeShare("j" + btoa('{"v":1}'))).toBeNull();
    expect(await decodeShare("j" + btoa("[1,2]"))).toBeNull();
  });

  it("plannerRoutes", () => {
    expect(parseRoute("#/planner")).toEqual({ name: "planner", share: null });
    expect(parseRoute("#/planner?s=zAbc-_")).toEqual({ name: "planner", share: "zAbc-_" });
    expect(parseRoute("#/plannerx")).toEqual({ name: "home" });
  });
});
