import { memo, useMemo } from "react";
import { renderMarkdown } from "./markdown";

/** Markdown rendered by markdown-it with raw HTML disabled and unsafe links refused (see markdown.ts). */
export const MessageBody = memo(function MessageBody({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="message-body" dangerouslySetInnerHTML={{ __html: html }} />;
});
