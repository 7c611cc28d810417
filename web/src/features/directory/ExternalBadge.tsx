// The mark beside the name of a person from outside the organisation (users.isExternal), so members know a guest reads along.
import { useTranslation } from "react-i18next";

export function ExternalBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge external-badge" title={t("people.externalHint")} data-testid="external-badge">
      {t("people.external")}
    </span>
  );
}
