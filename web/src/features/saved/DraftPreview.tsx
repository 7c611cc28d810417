import { useTranslation } from "react-i18next";
import { draftKey } from "./savedStore";
import { useSaved } from "./savedSession";

/** The conversation's main-composer draft, if any (thread drafts stay with their threads). */
export const useDraftText = (conversationId: number): string | undefined => useSaved((s) => s.drafts[draftKey(conversationId, null)]?.text);

/** "[Draft] text…" under a conversation's name in the list, as Feishu and WeChat show it. */
export function DraftPreview({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <span className="draft-preview" data-testid="draft-preview">
      <span className="draft-marker">{t("draft.marker")}</span> {text.replace(/\s+/g, " ").slice(0, 80)}
    </span>
  );
}
