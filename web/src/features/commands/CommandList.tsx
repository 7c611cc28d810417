// The "/" list above the composer: built-in commands with their localised description, registered ones with theirs,
// and in a service conversation the agent's canned replies (shortcut and the text it inserts).
import { useTranslation } from "react-i18next";
import type { SlashCommandDto } from "../../api/types";
import type { SlashSuggestion } from "./slash";

const builtIns = new Set(["/invite", "/leave", "/mute", "/topic", "/remind", "/poll"]);

export function CommandList({ id, items, choice, onChoose }: { id: string; items: SlashSuggestion[]; choice: number; onChoose: (s: SlashSuggestion) => void }) {
  const { t } = useTranslation();
  const describe = (c: SlashCommandDto) => (c.kind === "builtin" && builtIns.has(c.command) ? t(`commands.builtin.${c.command.slice(1)}`) : c.description);
  const label = items.some((s) => s.kind === "canned") ? t("commands.listWithCanned") : t("commands.list");
  return (
    <ul className="mention-list command-list" role="listbox" id={id} aria-label={label} data-testid="command-list">
      {items.map((s, i) => (
        <li
          key={s.key}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === choice}
          className={`${i === choice ? "selected" : ""}${s.kind === "canned" ? " canned-option" : ""}`}
          onMouseDown={(e) => {
            e.preventDefault();
            onChoose(s);
          }}
          data-testid={s.kind === "canned" ? `canned-option-${s.reply.shortcut}` : undefined}
        >
          {s.kind === "command" ? (
            <>
              <span className="command-usage">
                <strong>{s.command.command}</strong> <span className="muted small">{s.command.usage.slice(s.command.command.length).trim()}</span>
              </span>
              <span className="muted command-description">{describe(s.command)}</span>
            </>
          ) : (
            <>
              <span className="command-usage">
                <strong>/{s.reply.shortcut}</strong> <span className="canned-tag small">{t("commands.canned")}</span>
              </span>
              <span className="muted command-description canned-text">{s.reply.text}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
