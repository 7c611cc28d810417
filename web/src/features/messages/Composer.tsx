import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MessageDto } from "../../api/types";
import { useChat } from "../../app/store";
import { displayName } from "../conversations/title";
import { applyMention, filterCandidates, mentionQuery, type MentionCandidate, type MentionQuery } from "./mentions";
import { sendMessage, signalTyping } from "./messageActions";

interface Props {
  conversationId: number;
  threadRootId?: number | null;
  quote?: MessageDto | null;
  onClearQuote?: () => void;
  placeholder: string;
  disabled?: boolean;
}

/** Drafts survive switching conversations (not reloads). */
const drafts = new Map<string, string>();

export function Composer({ conversationId, threadRootId = null, quote = null, onClearQuote, placeholder, disabled }: Props) {
  const { t } = useTranslation();
  const draftKey = `${conversationId}:${threadRootId ?? ""}`;
  const [text, setText] = useState(() => drafts.get(draftKey) ?? "");
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [choice, setChoice] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const members = useChat((s) => s.members[conversationId]);
  const users = useChat((s) => s.users);

  useEffect(() => {
    setText(drafts.get(draftKey) ?? "");
    setMention(null);
  }, [draftKey]);

  useEffect(() => {
    if (quote) ref.current?.focus();
  }, [quote]);

  const candidates = useMemo(() => {
    if (!mention) return [];
    const all: MentionCandidate[] = [{ username: "all", displayName: t("composer.mentionAll") }, ...(members ?? []).map((m) => ({ username: m.username, displayName: m.displayName }))];
    return filterCandidates(all, mention.query);
  }, [mention, members, t]);

  const update = (value: string, caret: number) => {
    setText(value);
    drafts.set(draftKey, value);
    const query = mentionQuery(value, caret);
    setMention(query);
    setChoice(0);
    if (value.trim()) signalTyping(conversationId);
  };

  const choose = (candidate: MentionCandidate) => {
    const el = ref.current;
    if (!el || !mention) return;
    const result = applyMention(text, el.selectionStart, mention, candidate.username);
    setText(result.text);
    drafts.set(draftKey, result.text);
    setMention(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(result.caret, result.caret);
    });
  };

  const submit = () => {
    const value = text.trim();
    if (!value || disabled) return;
    sendMessage(conversationId, value, { threadRootId, quoteId: quote?.id ?? null });
    setText("");
    drafts.delete(draftKey);
    onClearQuote?.();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention && candidates.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setChoice((c) => (c + (e.key === "ArrowDown" ? 1 : candidates.length - 1)) % candidates.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        const candidate = candidates[choice];
        if (candidate) choose(candidate);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setMention(null);
        return;
      }
    }
    if (e.key === "Escape" && quote) onClearQuote?.();
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const listId = `mentions-${draftKey}`;
  return (
    <div className="composer">
      {quote && (
        <div className="quote-preview">
          <span className="grow">
            {t("composer.replyingTo", { name: displayName(users, quote.senderId, t) })}: <span className="muted">{quote.text.slice(0, 120)}</span>
          </span>
          <button type="button" className="icon-button" onClick={onClearQuote} aria-label={t("composer.cancelQuote")}>
            ×
          </button>
        </div>
      )}
      {mention && candidates.length > 0 && (
        <ul className="mention-list" role="listbox" id={listId} aria-label={t("composer.mentionList")}>
          {candidates.map((c, i) => (
            <li
              key={c.username}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === choice}
              className={i === choice ? "selected" : ""}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              <strong>@{c.username}</strong> <span className="muted">{c.displayName}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        <textarea
          ref={ref}
          value={text}
          rows={1}
          placeholder={placeholder}
          aria-label={placeholder}
          disabled={disabled}
          role="combobox"
          aria-expanded={Boolean(mention && candidates.length)}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={mention && candidates.length ? `${listId}-${choice}` : undefined}
          onChange={(e) => update(e.target.value, e.target.selectionStart)}
          onKeyDown={onKeyDown}
          data-testid={threadRootId ? "thread-composer" : "composer"}
        />
        <button type="button" className="primary send" onClick={submit} disabled={!text.trim() || disabled} aria-label={t("composer.send")}>
          {t("composer.send")}
        </button>
      </div>
    </div>
  );
}
