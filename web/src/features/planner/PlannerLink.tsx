// The sidebar's link to the planner. Its label lives here (not in the planner's chunk) so the link needs no download.
import { useTranslation } from "react-i18next";
import { navigate } from "../../app/route";

const LABEL: Record<string, string> = { en: "Cost planner", "zh-CN": "成本规划" };

export function PlannerLink() {
  const { i18n } = useTranslation();
  return (
    <button type="button" onClick={() => navigate("/planner")} data-testid="open-planner">
      {LABEL[i18n.language] ?? LABEL.en}
    </button>
  );
}
