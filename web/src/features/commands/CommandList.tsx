// The "/" list above the composer: built-in commands with their localised description, registered ones with theirs.
import { useTranslation } from "react-i18next";
import type { SlashCommandDto } from "../../api/types";

const builtIns = new Set(["/invite", "/leave", "/mute", "/topic", "/remind", "/poll"]);

export function CommandList({ id, items, choice, onChoose }: { id: string; items: SlashCommandDto[]; choice: number; onChoose: (c: SlashCommandDto) => void }) {
  const { t } = useTranslation();
  const describe = (c: SlashCommandDto) => (c.kind === "builtin" && builtIns.has(c.command) ? t(`commands.builtin.${c.command.slice(1)}`) : c.description);
  return (
    <ul className="mention-list command-list" role="listbox" id={id} aria-label={t("commands.list")} data-testid="command-list">
      {items.map((c, i) => (
        <li
          key={c.command}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === choice}
          className={i === choice ? "selected" : ""}
          onMouseDown={(e) => {
            e.preventDefault();
            onChoose(c);
          }}
        >
          <span className="command-usage">
            <strong>{c.command}</strong> <span className="muted small">{c.usage.slice(c.command.length).trim()}</span>
          </span>
          <span className="muted command-description">{describe(c)}</span>
        </li>
      ))}
    </ul>
  );
}
