// A composer's text as a synced draft: restored when the composer opens (this device's unsaved text first, else the
// server's), saved while typing (debounced) and when the composer closes, replaced by a draft from another device only
// while the user is not typing here, and gone once the message is sent.
import { useEffect, useRef, useState, type RefObject } from "react";
import { useCore } from "../../core";
import { canApplyRemote } from "./draftSync";
import { draftKey } from "./savedStore";
import { savedOf, useSaved } from "./savedSession";

export function useComposerDraft(conversationId: number, threadRootId: number | null, input: RefObject<HTMLTextAreaElement | null>) {
  const { drafts } = savedOf(useCore());
  const key = draftKey(conversationId, threadRootId);
  const [text, setText] = useState(() => drafts.textFor(conversationId, threadRootId));
  const remote = useSaved((s) => s.drafts[key]);
  const shown = useRef(text);
  shown.current = text;

  useEffect(() => {
    setText(drafts.textFor(conversationId, threadRootId));
    return () => void drafts.flush(conversationId, threadRootId);
  }, [drafts, conversationId, threadRootId]);

  useEffect(() => {
    const next = remote?.text ?? "";
    if (remote?.pending || next === shown.current) return;
    if (canApplyRemote({ dirty: drafts.isDirty(key), focused: document.activeElement === input.current, text: shown.current })) setText(next);
  }, [remote, key, drafts, input]);

  return {
    text,
    change: (value: string) => {
      setText(value);
      drafts.edit(conversationId, threadRootId, value);
    },
    sent: () => {
      setText("");
      drafts.sent(conversationId, threadRootId);
    },
  };
}
