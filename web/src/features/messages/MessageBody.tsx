import { memo, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { renderMarkdown } from "./markdown";

/** Markdown rendered by markdown-it with raw HTML disabled, unsafe links refused and external images click-to-load (see markdown.ts). */
export const MessageBody = memo(function MessageBody({ text }: { text: string }) {
  const { t } = useTranslation();
  const externalImage = t("message.loadExternalImage");
  const html = useMemo(() => renderMarkdown(text, { externalImage }), [text, externalImage]);
  return <div className="message-body" dangerouslySetInnerHTML={{ __html: html }} />;
});
