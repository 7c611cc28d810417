import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UserDto } from "../../api/types";
import { useCore } from "../../core";
import { Avatar } from "../../ui/Avatar";
import { searchUsers } from "./conversationActions";
import { Check, X } from "../../ui/icons";

interface Props {
  selected: UserDto[];
  onToggle: (user: UserDto) => void;
  exclude: number[];
}

/** The selection after the picker toggled a user: removed when it was in, added otherwise. */
export function toggleUser(selected: readonly UserDto[], user: UserDto): UserDto[] {
  return selected.some((x) => x.id === user.id) ? selected.filter((x) => x.id !== user.id) : [...selected, user];
}

/** Search-as-you-type over the user directory; selected users show as removable chips. */
export function UserPicker({ selected, onToggle, exclude }: Props) {
  const { t } = useTranslation();
  const core = useCore();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<UserDto[]>([]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      searchUsers(core, query)
        .then((users) => !cancelled && setResults(users))
        .catch(() => !cancelled && setResults([]));
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, core]);

  const selectedIds = new Set(selected.map((u) => u.id));
  return (
    <div className="user-picker">
      {selected.length > 0 && (
        <div className="chips" aria-label={t("users.selected")}>
          {selected.map((u) => (
            <button type="button" key={u.id} className="chip" onClick={() => onToggle(u)} aria-label={t("users.remove", { name: u.displayName })}>
              {u.displayName} <X size={12} aria-hidden="true" />
            </button>
          ))}
        </div>
      )}
      <input type="search" placeholder={t("users.searchPlaceholder")} aria-label={t("users.searchPlaceholder")} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="user-search" />
      <ul className="picker-list" role="listbox" aria-multiselectable="true" aria-label={t("users.results")}>
        {results
          .filter((u) => !exclude.includes(u.id))
          .map((u) => (
            <li key={u.id} role="option" aria-selected={selectedIds.has(u.id)} className={selectedIds.has(u.id) ? "selected" : ""} tabIndex={0} onClick={() => onToggle(u)} onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), onToggle(u))} data-testid={`user-option-${u.username}`}>
              <Avatar name={u.displayName} id={u.id} size={24} url={u.avatarUrl} />
              <span className="grow">
                {u.displayName} <span className="muted">@{u.username}</span>
              </span>
              {selectedIds.has(u.id) && <Check size={16} aria-hidden="true" />}
            </li>
          ))}
      </ul>
    </div>
  );
}
