import { describe, expect, it } from "vitest";
import { deferMainEntry } from "./boot-entry";

// The head Vite writes for index.html once the boot entry is in the bundle (shape of a real build).
const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <title>Parley</title>
    <script type="module" crossorigin src="/assets/index-A.js"></script>
    <script type="module" crossorigin src="/assets/boot-B.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/runtime-C.js">
    <link rel="modulepreload" crossorigin href="/assets/react-D.js">
    <link rel="modulepreload" crossorigin href="/assets/helper-E.js">
    <link rel="stylesheet" crossorigin href="/assets/index-F.css">
  </head>
  <body><div id="root"></div></body>
</html>`;

describe("deferMainEntry", () => {
  const html = deferMainEntry(BUILT, "/assets/boot-B.js", new Set(["/assets/boot-B.js", "/assets/helper-E.js"]));
  const template = html.slice(html.indexOf("<template"), html.indexOf("</template>"));
  const outside = html.replace(template, "");

  it("leaves boot, its own imports and the stylesheet as the only live tags", () => {
    expect(outside.match(/<script[^>]*>/g)).toEqual(['<script type="module" crossorigin src="/assets/boot-B.js">']);
    expect(outside.match(/rel="modulepreload"[^>]*/g)).toEqual(['rel="modulepreload" crossorigin href="/assets/helper-E.js"']);
    expect(outside).toContain('<link rel="stylesheet" crossorigin href="/assets/index-F.css">');
  });

  it("moves the main entry and its preloads into the template, preloads first", () => {
    expect(template).toContain('<template id="parley-deferred">');
    expect(template.match(/\/assets\/[^"]+/g)).toEqual(["/assets/runtime-C.js", "/assets/react-D.js", "/assets/index-A.js"]);
    expect(html.indexOf("<template")).toBeLessThan(html.indexOf("</head>"));
  });

  it("refuses a page without a main entry", () => {
    expect(() => deferMainEntry(BUILT.replace(/.*index-A.js.*\n/, ""), "/assets/boot-B.js", new Set())).toThrow(/main entry/);
  });
});
