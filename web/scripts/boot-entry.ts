// Vite plugin (issue 22): builds src/boot.ts as its own entry and makes it the page's only script at parse time.
// - Boot's tag goes before everything else, with modulepreloads for the few small modules it imports.
// - The main entry's tag and its modulepreloads (React, i18next, the sign-in screens) move into an inert
//   <template id="parley-deferred">: the browser fetches nothing from it. Boot copies them into the page
//   (app/deferredEntry.ts) at once, or, when it is about to paint a conversation from its first answers
//   (app/firstPaint.ts), once that paint is on screen: on a slow phone the answers and the messages' first paint then
//   do not share the line with React's 200 KiB.
// In the dev server the page keeps Vite's tags and boot's tag points at the source file.
import type { Plugin } from "vite";
import { DEFERRED_TEMPLATE_ID } from "../src/app/deferredEntry";

const SOURCE = "src/boot.ts";

type Chunk = { type: "chunk"; isEntry: boolean; name: string; fileName: string; imports: string[] };

export function bootEntryPlugin(): Plugin {
  return {
    name: "parley-boot-entry",
    config: (_config, env) =>
      env.command === "build" ? { build: { rolldownOptions: { input: { index: "index.html", boot: SOURCE } } } } : {},
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        if (!ctx.bundle) return insertBoot(html, `<script type="module" crossorigin src="/${SOURCE}"></script>`);
        const chunks = Object.values(ctx.bundle).filter((c) => c.type === "chunk") as Chunk[];
        const boot = chunks.find((c) => c.isEntry && c.name === "boot");
        if (!boot) throw new Error("boot entry missing from the bundle");
        const bootOwn = staticClosure(boot, new Map(chunks.map((c) => [c.fileName, c])));
        return deferMainEntry(html, `/${boot.fileName}`, new Set([...bootOwn].map((f) => `/${f}`)));
      },
    },
  };
}

/** The files a chunk needs before it can run: itself and its static imports, transitively. */
function staticClosure(chunk: Chunk, byName: Map<string, Chunk>): Set<string> {
  const seen = new Set<string>();
  const visit = (c: Chunk) => {
    if (seen.has(c.fileName)) return;
    seen.add(c.fileName);
    for (const name of c.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  visit(chunk);
  return seen;
}

const MODULE_SCRIPT = /<script type="module" crossorigin src="([^"]+)"><\/script>\s*/g;
const MODULE_PRELOAD = /<link rel="modulepreload" crossorigin href="([^"]+)">\s*/g;

/**
 * Rewrites the built page: boot's tag and its own preloads first; every other module script and preload into the
 * deferred template, in their order. Exported for its test (scripts/boot-entry.test.ts).
 */
export function deferMainEntry(html: string, bootSrc: string, bootOwn: Set<string>): string {
  const deferred: string[] = [];
  const kept: string[] = [];
  let rest = html.replace(MODULE_SCRIPT, (tag, src: string) => {
    if (src !== bootSrc) deferred.push(tag.trim());
    return "";
  });
  rest = rest.replace(MODULE_PRELOAD, (tag, href: string) => {
    (bootOwn.has(href) ? kept : deferred).push(tag.trim());
    return "";
  });
  if (!deferred.some((tag) => tag.startsWith("<script"))) throw new Error("no main entry script in index.html");
  // Preloads before the entry that imports them, as Vite writes them.
  deferred.sort((a, b) => Number(a.startsWith("<script")) - Number(b.startsWith("<script")));
  const head = [`<script type="module" crossorigin src="${bootSrc}"></script>`, ...kept, `<template id="${DEFERRED_TEMPLATE_ID}">${deferred.join("")}</template>`];
  const at = rest.indexOf("</head>");
  if (at < 0) throw new Error("no </head> in index.html");
  return rest.slice(0, at).trimEnd() + "\n    " + head.join("\n    ") + "\n  " + rest.slice(at);
}

function insertBoot(html: string, tag: string): string {
  // Before the first module script (the main entry) so that it runs first.
  const at = html.indexOf('<script type="module"');
  if (at < 0) throw new Error("no module script in index.html");
  return html.slice(0, at) + tag + "\n    " + html.slice(at);
}
