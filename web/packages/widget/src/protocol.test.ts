import { describe, expect, it } from "vitest";
import { hostContext, normalizeLang, safeColor, safeLogo, validWidgetId, visitorUrl, WIDGET_CHANNEL, widgetEventFrom, widgetSnippet } from "./protocol";

describe("hostContext", () => {
  it("hostContext_PageWithFragment_SendsAddressWithoutFragmentReferrerAndLang", () => {
    const context = hostContext(
      { origin: "https://shop.example.com", pathname: "/cart", search: "?item=7" },
      { referrer: "https://search.example.net/?q=shoes", documentElement: { lang: "zh-Hans" } },
      { language: "en-US" },
    );
    expect(context).toEqual({ page: "https://shop.example.com/cart?item=7", referrer: "https://search.example.net/?q=shoes", lang: "zh-CN" });
  });

  it("hostContext_NoPageLang_FallsBackToTheBrowserAndNoReferrerIsNull", () => {
    const context = hostContext({ origin: "https://a.example", pathname: "/", search: "" }, { referrer: "", documentElement: { lang: "" } }, { language: "zh-TW" });
    expect(context.referrer).toBeNull();
    expect(context.lang).toBe("zh-CN");
  });

  it("normalizeLang_AnythingButChinese_IsEnglish", () => {
    expect(["en-GB", "fr", "", null, "zhx"].map(normalizeLang)).toEqual(["en", "en", "en", "en", "en"]);
    expect(["zh", "zh_CN", "ZH-cn"].map(normalizeLang)).toEqual(["zh-CN", "zh-CN", "zh-CN"]);
  });
});

describe("visitorUrl", () => {
  it("visitorUrl_HostContext_IsEncodedIntoTheQuery", () => {
    const url = new URL(visitorUrl("https://chat.example.com", "12", { page: "https://shop.example.com/a?b=1&c=2", referrer: null, lang: "en" }));
    expect(url.origin + url.pathname).toBe("https://chat.example.com/visitor/12");
    expect(url.searchParams.get("page")).toBe("https://shop.example.com/a?b=1&c=2");
    expect(url.searchParams.has("referrer")).toBe(false);
    expect(url.searchParams.get("lang")).toBe("en");
    expect(url.hash, "nothing kept: no fragment").toBe("");
  });

  it("visitorUrl_KeptSession_TravelsInTheFragmentOnly", () => {
    const url = new URL(visitorUrl("https://chat.example.com", "12", { page: "https://shop.example.com/", referrer: null, lang: "en" }, '{"token":"pst_a"}'));
    expect(new URLSearchParams(url.hash.slice(1)).get("s")).toBe('{"token":"pst_a"}');
    expect(url.search.includes("pst_a"), "never in the query, which reaches the server").toBe(false);
  });
});

describe("widgetEventFrom", () => {
  const frame = {};
  const origin = "https://chat.example.com";
  it("widgetEventFrom_OurFrameAndOrigin_ReturnsTheEventWithoutTheChannel", () => {
    expect(widgetEventFrom({ source: frame as Window, origin, data: { channel: WIDGET_CHANNEL, type: "unread", count: 3 } }, frame, origin)).toEqual({ type: "unread", count: 3 });
  });

  it("widgetEventFrom_OtherWindowOriginOrChannel_IsIgnored", () => {
    const data = { channel: WIDGET_CHANNEL, type: "close" };
    expect(widgetEventFrom({ source: {} as Window, origin, data }, frame, origin), "another frame on the host page").toBeNull();
    expect(widgetEventFrom({ source: frame as Window, origin: "https://evil.example", data }, frame, origin), "our frame navigated elsewhere").toBeNull();
    expect(widgetEventFrom({ source: frame as Window, origin, data: { channel: "parley.embed", type: "close" } }, frame, origin), "another channel").toBeNull();
    expect(widgetEventFrom({ source: null, origin, data }, null, origin), "no frame yet").toBeNull();
    expect(widgetEventFrom({ source: frame as Window, origin, data: "close" }, frame, origin), "not an object").toBeNull();
  });
});

describe("widgetSnippet", () => {
  it("widgetSnippet_ServerUrlWithPath_UsesTheOriginAndTheId", () => {
    expect(widgetSnippet("https://chat.example.com/#/admin/service", 42)).toBe('<script src="https://chat.example.com/sdk/widget.js" data-widget="42" async></script>');
  });

  it("widgetSnippet_IdWithMarkup_Throws", () => {
    expect(() => widgetSnippet("https://chat.example.com", '1"><script>')).toThrow();
    expect(validWidgetId("")).toBeNull();
  });
});

describe("safeColor and safeLogo", () => {
  it("safeColor_NotAHexColour_FallsBack", () => {
    expect(safeColor("#0a7")).toBe("#0a7");
    expect(safeColor("red;background:url(x)")).toBe("#2563eb");
    expect(safeColor(null, "#000")).toBe("#000");
  });

  it("safeLogo_ScriptOrDataUrl_IsRefusedAndRelativeIsResolved", () => {
    expect(safeLogo("javascript:alert(1)", "https://chat.example.com")).toBeNull();
    expect(safeLogo("data:image/png;base64,xx", "https://chat.example.com")).toBeNull();
    expect(safeLogo("/logo.png", "https://chat.example.com")).toBe("https://chat.example.com/logo.png");
  });
});
