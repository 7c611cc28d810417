// Replies to the user's slash commands, shown in the conversation above the composer, marked "only visible to you".
import { useTranslation } from "react-i18next";
import { X } from "../../ui/icons";
import { dismissNote, useNotes } from "./ephemeral";

export function EphemeralNotes({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const notes = useNotes(conversationId);
  if (notes.length === 0) return null;
  return (
    <ul className="ephemeral-notes" aria-live="polite" data-testid="ephemeral-notes">
      {notes.map((n) => (
        <li key={n.id} className="ephemeral-note" data-testid="ephemeral-note">
          <div className="grow">
            <span className="muted small">
              {t("commands.onlyYou")} · <code>{n.command}</code>
            </span>
            <p>{n.key ? t(`commands.replies.${n.key}`, { ...n.args, defaultValue: n.text }) : n.text}</p>
          </div>
          <button type="button" className="icon-button" onClick={() => dismissNote(conversationId, n.id)} aria-label={t("commands.dismiss")}>
            <X size={14} aria-hidden="true" />
          </button>
        </li>
      ))}
    </ul>
  );
}
