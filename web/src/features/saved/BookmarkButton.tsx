import { useTranslation } from "react-i18next";
import { useCore } from "../../core";
import { Bookmark, BookmarkCheck } from "../../ui/icons";
import { setBookmark } from "./savedActions";
import { useSaved } from "./savedSession";

/** The message toolbar's Save / Saved toggle. */
export function BookmarkButton({ messageId, onError }: { messageId: number; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const core = useCore();
  const saved = useSaved((s) => s.bookmarks.has(messageId));
  const label = saved ? t("saved.unsave") : t("saved.save");
  return (
    <button
      type="button"
      className={`icon-button${saved ? " on" : ""}`}
      onClick={() => setBookmark(core, messageId, !saved).catch(onError)}
      aria-pressed={saved}
      aria-label={t("saved.save")}
      title={label}
      data-testid="bookmark"
    >
      {saved ? <BookmarkCheck size={17} aria-hidden="true" /> : <Bookmark size={17} aria-hidden="true" />}
    </button>
  );
}
