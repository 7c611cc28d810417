import { describe, expect, it } from "vitest";
import { widgetFormBody, widgetSnippet } from "./snippet";

const form = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe("widgetFormBody", () => {
  it("widgetFormBody_BlankOptionalFields_AreLeftOutSoTheServerDefaults", () => {
    expect(widgetFormBody(form({ name: "  Shop  ", queueId: "", origins: "", color: "", greeting: " " }))).toEqual({ name: "Shop", allowedOrigins: [] });
  });

  it("widgetFormBody_AllFields_ParsesQueueAndOriginsPerLine", () => {
    const body = widgetFormBody(form({ name: "Shop", queueId: "4", origins: "https://a.example\nhttps://b.example, https://c.example", color: "#112233", greeting: "Hi", greetingZh: "您好" }));
    expect(body).toEqual({ name: "Shop", queueId: 4, allowedOrigins: ["https://a.example", "https://b.example", "https://c.example"], color: "#112233", greeting: "Hi", greetingZh: "您好" });
  });
});

describe("widgetSnippet (admin console)", () => {
  it("widgetSnippet_ConsoleOrigin_PointsAtTheServersSdk", () => {
    expect(widgetSnippet("http://127.0.0.1:5080", 3)).toBe('<script src="http://127.0.0.1:5080/sdk/widget.js" data-widget="3" async></script>');
  });
});
