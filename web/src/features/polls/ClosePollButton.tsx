import { useTranslation } from "react-i18next";
import { closePoll } from "./pollActions";

/** "Close" on a poll or sign-up chain, for its creator and the conversation's managers; asks first. */
export function ClosePollButton({ pollId, meId, run }: { pollId: number; meId: number; run: (action: () => Promise<unknown>) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="link-button" onClick={() => window.confirm(t("polls.confirmClose")) && run(() => closePoll(meId, pollId))} data-testid="poll-close">
      {t("polls.closePoll")}
    </button>
  );
}
