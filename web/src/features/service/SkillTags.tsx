// A list of skills as small tags (a conversation's required skills, an agent's skills), with a label for screen readers.
import { useTranslation } from "react-i18next";

export function SkillTags({ skills, label, testId }: { skills: readonly string[] | null | undefined; label?: string; testId?: string }) {
  const { t } = useTranslation();
  if (!skills || skills.length === 0) return null;
  return (
    <ul className="service-skills" aria-label={label ?? t("service.skills.label")} data-testid={testId}>
      {skills.map((s) => (
        <li key={s} className="service-skill">
          {s}
        </li>
      ))}
    </ul>
  );
}
