import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { conversationPath, navigate } from "../../app/route";
import { sortByActivity, useChat } from "../../core";
import { Dialog } from "../../ui/Dialog";
import { conversationTitle } from "../conversations/title";
import { AtSign, Hash, Users } from "../../ui/icons";

/** Ctrl/Cmd+K: type to filter conversations, arrows to choose, Enter to open. */
export default function QuickSwitcher({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const conversations = useChat((s) => s.conversations);
  const users = useChat((s) => s.users);
  const meId = useChat((s) => s.me?.id ?? -1);
  const [query, setQuery] = useState("");
  const [index, setIndex] = useState(0);

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return sortByActivity(Object.values(conversations))
      .map((c) => ({ conv: c, title: conversationTitle(c, users, meId, t) }))
      .filter((m) => !q || m.title.toLowerCase().includes(q))
      .slice(0, 20);
  }, [conversations, users, meId, query, t]);

  const open = (id: number) => {
    onClose();
    navigate(conversationPath(id));
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setIndex((i) => Math.min(matches.length - 1, i + 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setIndex((i) => Math.max(0, i - 1));
    } else if (e.key === "Enter") {
      const choice = matches[index];
      if (choice) open(choice.conv.id);
    }
  };

  const activeId = matches[index] ? `switch-${matches[index].conv.id}` : undefined;
  return (
    <Dialog title={t("switcher.title")} onClose={onClose}>
      <input
        className="switcher-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="switcher-list"
        aria-activedescendant={activeId}
        aria-label={t("switcher.placeholder")}
        placeholder={t("switcher.placeholder")}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="switcher-list" role="listbox" className="picker-list">
        {matches.map((m, i) => (
          <li
            key={m.conv.id}
            id={`switch-${m.conv.id}`}
            role="option"
            aria-selected={i === index}
            className={i === index ? "selected" : ""}
            onMouseEnter={() => setIndex(i)}
            onClick={() => open(m.conv.id)}
          >
            <span className="conversation-icon" aria-hidden="true">
              {m.conv.kind === "channel" ? <Hash size={15} /> : m.conv.kind === "group" ? <Users size={15} /> : <AtSign size={15} />}
            </span>
            {m.title}
            {m.conv.unreadCount > 0 && <span className="badge">{m.conv.unreadCount}</span>}
          </li>
        ))}
        {matches.length === 0 && <li className="muted">{t("common.noResults")}</li>}
      </ul>
    </Dialog>
  );
}
