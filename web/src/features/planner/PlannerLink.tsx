// The sidebar's link to the planner. Its label lives here (not in the planner's chunk) so the link needs no download.
import { useTranslation } from "react-i18next";
import { navigate } from "../../app/route";

const LABEL: Record<string, string> = { en: "Cost planner", "zh-CN": "成本规划" };

// The client routes by hash (#/planner); the server answers /planner with the app too, so move such a visit
// onto the hash route before anything renders (the sign-in screen keeps the hash for after sign-in).
if (typeof window !== "undefined" && /^\/planner\/?$/.test(window.location.pathname)) {
  window.history.replaceState(null, "", `/${window.location.hash.startsWith("#/planner") ? window.location.hash : "#/planner"}`);
}

export function PlannerLink() {
  const { i18n } = useTranslation();
  return (
    <button type="button" onClick={() => navigate("/planner")} data-testid="open-planner">
      {LABEL[i18n.language] ?? LABEL.en}
    </button>
  );
}
