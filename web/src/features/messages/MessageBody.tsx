import { memo, useMemo, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { renderMarkdown as RenderMarkdown } from "./markdown";
import { pendingHtml, plainHtml } from "./plainText";

// The Markdown renderer (markdown.ts and markdown-it) is its own chunk, asked for as soon as this module loads but not
// waited for (issue 22): plain messages render without it (plainText.ts); the others show their words until it is in.
type Render = typeof RenderMarkdown;
let render: Render | null = null;
const listeners = new Set<() => void>();
void import("./markdown").then((module) => {
  render = module.renderMarkdown;
  for (const listener of listeners) listener();
});
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** Markdown rendered by markdown-it with raw HTML disabled, unsafe links refused and external images click-to-load (see markdown.ts). */
export const MessageBody = memo(function MessageBody({ text }: { text: string }) {
  const { t } = useTranslation();
  const externalImage = t("message.loadExternalImage");
  const plain = useMemo(() => plainHtml(text), [text]);
  // Plain texts never depend on the renderer, so its arrival re-renders only the messages that wait for it.
  const renderer = useSyncExternalStore(subscribe, () => (plain === null ? render : null));
  const html = useMemo(
    () => plain ?? (renderer ? renderer(text, { externalImage }) : pendingHtml(text)),
    [plain, renderer, text, externalImage],
  );
  return <div className="message-body" dangerouslySetInnerHTML={{ __html: html }} />;
});
