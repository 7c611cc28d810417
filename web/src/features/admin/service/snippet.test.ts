import { describe, expect, it } from "vitest";
import { widgetEditBody, widgetFormBody, widgetSnippet } from "./snippet";

const form = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe("widgetFormBody", () => {
  it("widgetFormBody_BlankOptionalFields_AreLeftOutSoTheServerDefaults", () => {
    expect(widgetFormBody(form({ name: "  Shop  ", queueId: "", origins: "", color: "", greeting: " " }))).toEqual({ name: "Shop", allowedOrigins: [] });
  });

  it("widgetFormBody_AllFields_ParsesQueueAndOriginsPerLine", () => {
    const body = widgetFormBody(form({ name: "Shop", queueId: "4", origins: "https://a.example\nhttps://b.example, https://c.example", color: "#112233", greeting: "Hi", greetingZh: "您好" }));
    expect(body).toEqual({ name: "Shop", queueId: 4, allowedOrigins: ["https://a.example", "https://b.example", "https://c.example"], color: "#112233", greeting: "Hi", greetingZh: "您好" });
  });

  it("widgetFormBody_SkillsAndLogo_AreSentWhenGiven", () => {
    const body = widgetFormBody(form({ name: "Shop", skills: "Billing, 英语", logoUrl: "https://shop.example/logo.png" }));
    expect(body.requiredSkills).toEqual(["billing", "英语"]);
    expect(body.logoUrl).toBe("https://shop.example/logo.png");
  });
});

describe("widgetEditBody", () => {
  it("widgetEditBody_BlankFields_AreSentEmptySoPatchClearsThem", () => {
    const body = widgetEditBody(form({ name: "Shop", queueId: "2", color: "#112233", greeting: "", greetingZh: " ", logoUrl: "", origins: "", skills: "" }));
    expect(body).toEqual({ name: "Shop", queueId: 2, color: "#112233", greeting: "", greetingZh: "", logoUrl: "", allowedOrigins: [], requiredSkills: [] });
  });

  it("widgetEditBody_Skills_AreParsedLikeTheAgentsOnes", () => {
    expect(widgetEditBody(form({ name: "Shop", skills: "VIP；退款 vip" })).requiredSkills).toEqual(["vip", "退款"]);
  });
});

describe("widgetSnippet (admin console)", () => {
  it("widgetSnippet_ConsoleOrigin_PointsAtTheServersSdk", () => {
    expect(widgetSnippet("http://127.0.0.1:5080", 3)).toBe('<script src="http://127.0.0.1:5080/sdk/widget.js" data-widget="3" async></script>');
  });
});
