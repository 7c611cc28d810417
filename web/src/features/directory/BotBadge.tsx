// The mark beside a bot's name (users.isBot), so members know an integration, not a person, wrote or reads along.
import { useTranslation } from "react-i18next";

export function BotBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge bot-badge" title={t("people.botHint")} data-testid="bot-badge">
      {t("people.bot")}
    </span>
  );
}
