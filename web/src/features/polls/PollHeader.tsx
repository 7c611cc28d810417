import { useTranslation } from "react-i18next";
import type { PollDto } from "../../api/types";
import { formatDateTime } from "../../i18n/format";
import { BarChart3, ListOrdered, Lock } from "../../ui/icons";

/** The card's first line: what it is, and its flags (anonymous, multiple choice, closing time or closed). */
export function PollHeader({ poll, closed }: { poll: PollDto; closed: boolean }) {
  const { t } = useTranslation();
  const signup = poll.kind === "signup";
  return (
    <div className="poll-header">
      <span className="poll-kind">
        {signup ? <ListOrdered size={15} aria-hidden="true" /> : <BarChart3 size={15} aria-hidden="true" />}
        {signup ? t("polls.signup") : t("polls.poll")}
      </span>
      {poll.anonymous && <span className="poll-flag">{t("polls.anonymousBadge")}</span>}
      {poll.multiple && <span className="poll-flag">{t("polls.multipleBadge")}</span>}
      {closed ? (
        <span className="poll-flag closed" data-testid="poll-closed">
          <Lock size={12} aria-hidden="true" /> {t("polls.closed")}
        </span>
      ) : (
        poll.closesAt && <span className="poll-flag">{t("polls.closesAt", { time: formatDateTime(poll.closesAt) })}</span>
      )}
    </div>
  );
}
