// The main entry (React, i18next, the sign-in and chat screens) waits in an inert template in the built page
// (scripts/boot-entry.ts); the boot entry lets it in. Most starts let it in at once. A start that is painting a
// conversation from its first answers (app/firstPaint.ts) lets it in once that paint is on screen, or after HOLD_MS
// if the answers are slow: on a slow phone the answers and the first paint then do not share the line with React.
// In the dev server there is no template: Vite's own tags load the entry.

/** The longest the main entry waits for a first paint. */
const HOLD_MS = 4_000;
/** The template the build puts the main entry in (scripts/boot-entry.ts writes it, this module reads it). */
export const DEFERRED_TEMPLATE_ID = "parley-deferred";

let released = false;

export function releaseMainEntry(after?: Promise<unknown>): void {
  if (!after) return release();
  void after.then(release, release);
  setTimeout(release, HOLD_MS);
}

function release(): void {
  if (released) return;
  released = true;
  const template = document.getElementById(DEFERRED_TEMPLATE_ID);
  if (!(template instanceof HTMLTemplateElement)) return;
  // Fresh elements: a script copied from a template's content is marked as already started and would never run.
  for (const source of Array.from(template.content.children)) {
    const copy = document.createElement(source.localName);
    for (const { name, value } of Array.from(source.attributes)) copy.setAttribute(name, value);
    document.head.append(copy);
  }
}
