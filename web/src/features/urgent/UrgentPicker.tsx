import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useChat, useCore } from "../../core";
import { Dialog } from "../../ui/Dialog";

interface Props {
  conversationId: number;
  title: string;
  confirmLabel: string;
  initial: number[];
  /** Offered when something was chosen before (the composer's "not urgent"). */
  onClear?: () => void;
  onConfirm: (userIds: number[]) => void;
  onClose: () => void;
  busy?: boolean;
  error?: string | null;
}

/** Chooses the members who must acknowledge: everyone in the conversation but me, filterable, as checkboxes. */
export function UrgentPicker({ conversationId, title, confirmLabel, initial, onClear, onConfirm, onClose, busy, error }: Props) {
  const { t } = useTranslation();
  const meId = useChat((s) => s.me?.id ?? -1);
  const core = useCore();
  const members = useChat((s) => s.members[conversationId]);
  useEffect(() => {
    if (!members) void core.people.loadMembers(conversationId).catch(() => undefined);
  }, [core, members, conversationId]);
  const [chosen, setChosen] = useState(() => new Set(initial));
  const [filter, setFilter] = useState("");
  const others = useMemo(() => (members ?? []).filter((m) => m.userId !== meId), [members, meId]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? others.filter((m) => m.displayName.toLowerCase().includes(q) || m.username.toLowerCase().includes(q)) : others;
  }, [others, filter]);

  const toggle = (id: number) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Dialog title={title} onClose={onClose}>
      <p className="muted small">{t("urgent.pickerHint")}</p>
      {others.length > 6 && <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t("urgent.filter")} aria-label={t("urgent.filter")} />}
      {others.length === 0 ? (
        <p className="muted">{t("urgent.noMembers")}</p>
      ) : (
        <ul className="urgent-picker plain-list" data-testid="urgent-picker">
          {shown.map((m) => (
            <li key={m.userId}>
              <label>
                <input type="checkbox" checked={chosen.has(m.userId)} onChange={() => toggle(m.userId)} data-testid="urgent-pick" data-user-id={m.userId} />
                <span className="grow">{m.displayName}</span>
                <span className="muted small">@{m.username}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      <div className="row dialog-actions">
        {onClear && initial.length > 0 && (
          <button type="button" onClick={onClear}>
            {t("urgent.clear")}
          </button>
        )}
        <span className="grow" />
        <button type="button" onClick={onClose}>
          {t("common.cancel")}
        </button>
        <button type="button" className="primary" disabled={chosen.size === 0 || busy} onClick={() => onConfirm([...chosen])} data-testid="urgent-confirm">
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
