// Vite plugin (issue 22): builds src/boot.ts as its own entry and puts its script tag before the main entry's in
// index.html. Module scripts run in document order, each once its own imports are in; boot imports a few small modules
// only, so it runs (and starts the signed-in screen's requests) long before the main entry's React has arrived.
// In the dev server the tag points at the source file.
import type { Plugin } from "vite";

const SOURCE = "src/boot.ts";

export function bootEntryPlugin(): Plugin {
  return {
    name: "parley-boot-entry",
    config: (_config, env) =>
      env.command === "build" ? { build: { rolldownOptions: { input: { index: "index.html", boot: SOURCE } } } } : {},
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        let src = `/${SOURCE}`;
        if (ctx.bundle) {
          const chunk = Object.values(ctx.bundle).find((c) => c.type === "chunk" && c.isEntry && c.name === "boot");
          if (!chunk) throw new Error("boot entry missing from the bundle");
          src = `/${chunk.fileName}`;
        }
        const tag = `<script type="module" crossorigin src="${src}"></script>`;
        // Before the first module script (the main entry) so that it runs first.
        const at = html.indexOf('<script type="module"');
        if (at < 0) throw new Error("no module script in index.html");
        return html.slice(0, at) + tag + "\n    " + html.slice(at);
      },
    },
  };
}
