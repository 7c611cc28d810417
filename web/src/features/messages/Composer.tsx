import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MessageDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { displayName } from "../conversations/title";
import { AttachmentTray } from "../files/AttachmentTray";
import { draftKeyOf, readyFiles } from "../files/tray";
import { attachFiles, clearTray, useTray } from "../files/uploadActions";
import { applyMention, filterCandidates, mentionQuery, type MentionCandidate, type MentionQuery } from "./mentions";
import { hasFinePointer } from "../../ui/focus";
import { Avatar } from "../../ui/Avatar";
import { sendMessage, signalTyping } from "./messageActions";
import { UrgentToggle } from "../urgent/UrgentToggle";
import { ScheduleSendButton } from "../scheduled/ScheduleSendButton";
import { scheduleMessage } from "../scheduled/scheduledActions";
import { useComposerDraft } from "../saved/useComposerDraft";
import { BarChart3, Paperclip, X } from "../../ui/icons";
import type { SlashCommandDto } from "../../api/types";
import { CommandList } from "../commands/CommandList";
import { loadCommands, runCommand } from "../commands/commandActions";
import { addNote } from "../commands/ephemeral";
import { isCommandText, slashSuggestions, type CannedReply, type SlashSuggestion } from "../commands/slash";
import { errorMessage } from "../auth/errorMessage";

const PollDialog = lazy(() => import("../polls/PollDialog"));

interface Props {
  conversationId: number;
  threadRootId?: number | null;
  quote?: MessageDto | null;
  onClearQuote?: () => void;
  placeholder: string;
  disabled?: boolean;
  /** Take the focus when shown (opening a conversation or a thread), on devices with a keyboard and mouse. */
  autoFocus?: boolean;
  /** This is the conversation's own box: where focus goes when a dialog's opener is gone (ui/focus.ts). */
  focusHome?: boolean;
  /** A service conversation open in the agent workspace: "/" + a shortcut offers these replies' texts (features/service). */
  cannedReplies?: readonly CannedReply[];
}

export function Composer({ conversationId, threadRootId = null, quote = null, onClearQuote, placeholder, disabled, autoFocus, focusHome, cannedReplies }: Props) {
  const { t } = useTranslation();
  const core = useCore();
  const draftKey = draftKeyOf(conversationId, threadRootId);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [choice, setChoice] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  // Drafts are kept on the server and follow the user to their other devices (features/saved).
  const draft = useComposerDraft(conversationId, threadRootId, ref);
  const text = draft.text;
  const fileInput = useRef<HTMLInputElement>(null);
  const tray = useTray(draftKey);
  const attachments = readyFiles(tray);
  // Enter while files are still uploading (or one failed) says why nothing was sent.
  const [waitHint, setWaitHint] = useState(false);
  // Members asked to acknowledge the next message (urgent); cleared once it is sent or the conversation changes.
  const [urgentFor, setUrgentFor] = useState<number[]>([]);
  const [pollDialog, setPollDialog] = useState(false);
  const members = useChat((s) => s.members[conversationId]);
  // Slash commands (features/commands) and canned replies: the "/" list while a name or shortcut is typed; Escape hides
  // it until the text changes.
  const [commands, setCommands] = useState<SlashCommandDto[]>([]);
  const [commandsHidden, setCommandsHidden] = useState(false);
  const slashItems = threadRootId === null && !commandsHidden ? slashSuggestions(draft.text, commands, cannedReplies ?? []) : [];
  const users = useChat((s) => s.users);

  useEffect(() => {
    setMention(null);
    setUrgentFor([]);
  }, [draftKey]);

  useEffect(() => {
    if (quote) ref.current?.focus();
  }, [quote]);

  // Not on touch screens: focusing would raise the on-screen keyboard over the messages the user came to read.
  useEffect(() => {
    if (autoFocus && hasFinePointer()) ref.current?.focus({ preventScroll: true });
  }, [autoFocus, conversationId, threadRootId]);

  const candidates = useMemo(() => {
    if (!mention) return [];
    const all: MentionCandidate[] = [{ username: "all", displayName: t("composer.mentionAll") }, ...(members ?? []).map((m) => ({ username: m.username, displayName: m.displayName, userId: m.userId, avatarUrl: m.avatarUrl }))];
    return filterCandidates(all, mention.query);
  }, [mention, members, t]);

  const update = (value: string, caret: number) => {
    draft.change(value);
    setCommandsHidden(false);
    if (value.startsWith("/") && commands.length === 0) loadCommands().then(setCommands, () => undefined);
    const query = mentionQuery(value, caret);
    setMention(query);
    setChoice(0);
    if (value.trim()) signalTyping(core, conversationId);
  };

  // A pick from a list (a mention, a command, a canned reply) replaces the text and puts the caret after it. The caret
  // moves in the same commit as the text, not a frame later: a key typed right after the pick lands behind it.
  const pendingCaret = useRef<number | null>(null);
  const placeCaret = (caret: number) => {
    ref.current?.focus();
    ref.current?.setSelectionRange(caret, caret);
  };
  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    placeCaret(pendingCaret.current);
    pendingCaret.current = null;
  });
  const replaceText = (value: string, caret: number) => {
    draft.change(value);
    // The same text renders nothing new, so no layout effect would run: place the caret now.
    if (value === text) placeCaret(caret);
    else pendingCaret.current = caret;
  };

  const choose = (candidate: MentionCandidate) => {
    const el = ref.current;
    if (!el || !mention) return;
    const result = applyMention(text, el.selectionStart, mention, candidate.username);
    replaceText(result.text, result.caret);
    setMention(null);
  };

  const canSend = !disabled && attachments.ready && (text.trim().length > 0 || attachments.files.length > 0);

  /** A command's name goes into the box to be completed; a canned reply's text replaces "/shortcut", ready to send. */
  const chooseSlash = (s: SlashSuggestion) => {
    const value = s.kind === "command" ? `${s.command.command} ` : s.reply.text;
    replaceText(value, value.length);
    setChoice(0);
  };
  /** Enter picks the highlighted entry, except a command already typed in full (Enter then runs it). */
  const entersChoice = (s: SlashSuggestion) => s.kind === "canned" || s.command.command !== text.trim();

  const submit = () => {
    const value = text.trim();
    if (!attachments.ready && !disabled) setWaitHint(true);
    if (!canSend) return;
    if (threadRootId === null && attachments.files.length === 0 && isCommandText(value)) {
      // Not a message: the server runs it and answers this user only (nothing is stored).
      const name = value.split(/\s/, 1)[0]!;
      runCommand(conversationId, value).catch((err: unknown) => addNote(conversationId, { command: name, text: errorMessage(t, err) }));
      draft.sent();
      return;
    }
    sendMessage(core, conversationId, value, { threadRootId, quoteId: quote?.id ?? null, files: attachments.files, urgentFor });
    setUrgentFor([]);
    clearTray(draftKey);
    setWaitHint(false);
    draft.sent();
    onClearQuote?.();
  };

  // Scheduled send (features/scheduled): the same text and files, sent by the server at the chosen time.
  const schedule = async (at: Date) => {
    await scheduleMessage(conversationId, text.trim(), at, { threadRootId, files: attachments.files });
    clearTray(draftKey);
    // Not a send: the server keeps the draft, so the composer's now-empty text is saved over it (which removes it).
    draft.change("");
  };

  // Images pasted from the clipboard (screenshots) become attachments; pasted text stays text.
  const onPaste = (e: React.ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...e.clipboardData.files];
    if (files.length === 0 || disabled) return;
    attachFiles(draftKey, files);
    if (!e.clipboardData.types.includes("text/plain")) e.preventDefault();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (slashItems.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setChoice((c) => (c + (e.key === "ArrowDown" ? 1 : slashItems.length - 1)) % slashItems.length);
        return;
      }
      if (e.key === "Tab" || (e.key === "Enter" && !e.nativeEvent.isComposing && entersChoice(slashItems[choice % slashItems.length]!))) {
        e.preventDefault();
        chooseSlash(slashItems[choice % slashItems.length]!);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setCommandsHidden(true);
        return;
      }
    }
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
  const commandListId = `commands-${draftKey}`;
  // The textarea names the open list and its highlighted option, so screen readers follow the arrows (ARIA 1.2 combobox pattern's textbox part).
  const activeList = slashItems.length > 0 ? { id: commandListId, index: choice % slashItems.length } : mention && candidates.length ? { id: listId, index: choice } : null;
  return (
    <div className="composer">
      {quote && (
        <div className="quote-preview">
          <span className="grow">
            {t("composer.replyingTo", { name: displayName(users, quote.senderId, t) })}: <span className="muted">{quote.text.slice(0, 120)}</span>
          </span>
          <button type="button" className="icon-button" onClick={onClearQuote} aria-label={t("composer.cancelQuote")}>
            <X size={16} aria-hidden="true" />
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
              {c.userId !== undefined && <Avatar name={c.displayName} id={c.userId} size={20} url={c.avatarUrl} />} <strong>@{c.username}</strong>{" "}
              <span className="muted">{c.displayName}</span>
            </li>
          ))}
        </ul>
      )}
      {slashItems.length > 0 && <CommandList id={commandListId} items={slashItems} choice={choice % slashItems.length} onChoose={chooseSlash} />}
      <AttachmentTray draftKey={draftKey} items={tray} />
      {waitHint && !attachments.ready && (
        <p className="muted small" role="status">
          {t("files.waitForUploads")}
        </p>
      )}
      <div className="composer-row">
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          onChange={(e) => {
            attachFiles(draftKey, [...(e.target.files ?? [])]);
            e.target.value = "";
          }}
          data-testid={threadRootId ? "thread-file-input" : "file-input"}
        />
        <button type="button" className="icon-button attach" onClick={() => fileInput.current?.click()} disabled={disabled} aria-label={t("files.attach")} title={t("files.attach")}>
          <Paperclip size={18} aria-hidden="true" />
        </button>
        <UrgentToggle conversationId={conversationId} value={urgentFor} onChange={setUrgentFor} disabled={disabled} />
        {threadRootId === null && (
          <button type="button" className="icon-button attach" onClick={() => setPollDialog(true)} disabled={disabled} aria-label={t("polls.open")} title={t("polls.open")} data-testid="open-poll-dialog">
            <BarChart3 size={18} aria-hidden="true" />
          </button>
        )}
        <textarea
          ref={ref}
          value={text}
          rows={1}
          placeholder={placeholder}
          aria-label={placeholder}
          disabled={disabled}
          aria-controls={activeList?.id}
          aria-autocomplete="list"
          aria-activedescendant={activeList ? `${activeList.id}-${activeList.index}` : undefined}
          onChange={(e) => update(e.target.value, e.target.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          data-focus-home={focusHome ? "" : undefined}
          data-testid={threadRootId ? "thread-composer" : "composer"}
        />
        <button
          type="button"
          className="primary send"
          onClick={submit}
          disabled={!canSend}
          aria-label={t("composer.send")}
          title={attachments.ready ? undefined : t("files.waitForUploads")}
          data-testid={threadRootId ? "thread-send" : "send"}
        >
          {t("composer.send")}
        </button>
        <ScheduleSendButton disabled={!canSend} onSchedule={schedule} testId={threadRootId ? "thread-schedule-send" : "schedule-send"} />
      </div>
      {pollDialog && (
        <Suspense fallback={null}>
          <PollDialog conversationId={conversationId} onClose={() => setPollDialog(false)} />
        </Suspense>
      )}
    </div>
  );
}
