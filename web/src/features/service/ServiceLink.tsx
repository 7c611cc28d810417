// The sidebar's way into the customer-service workspace, only for agents and managers.
import { useTranslation } from "react-i18next";
import { navigate, servicePath } from "../../app/route";
import { useChat } from "../../core";
import { canUseService } from "./serviceView";

export function ServiceLink() {
  const { t } = useTranslation();
  const me = useChat((s) => s.me);
  if (!canUseService(me)) return null;
  return (
    <button type="button" onClick={() => navigate(servicePath())} data-testid="open-service">
      {t("service.open")}
    </button>
  );
}
