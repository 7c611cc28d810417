// The sidebar's way into the admin console, only for users who may see one of its sections.
import { useTranslation } from "react-i18next";
import { adminPath, navigate } from "../../app/route";
import { useChat } from "../../core";
import { visibleSections } from "./sections";

export function AdminLink() {
  const { t } = useTranslation();
  const me = useChat((s) => s.me);
  if (visibleSections(me).length === 0) return null;
  return (
    <button type="button" onClick={() => navigate(adminPath())} data-testid="open-admin">
      {t("admin.title")}
    </button>
  );
}
