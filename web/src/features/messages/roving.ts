// The message list as one tab stop (issue 22: reaching the message box took 192 Tab presses, every message and its
// buttons being stops). Roving tabindex: one message — the last one focused, else the newest on screen — has
// tabindex 0, the others -1; the buttons and links inside a message are stops only while that message is the active
// one, so Tab from a focused message reaches its actions and then leaves the list. Arrow keys move between messages
// (MessageList for the virtual list, onArrowKey here for short lists such as a thread).
import { useEffect, useRef, type RefObject } from "react";
import { FOCUSABLE } from "../../ui/focus";

const MESSAGE = "article[data-message-id]";

export function useRovingMessages(container: RefObject<HTMLElement | null>): void {
  const active = useRef<string | null>(null);

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const apply = () => {
      const messages = [...root.querySelectorAll<HTMLElement>(MESSAGE)];
      const current = messages.find((m) => m.dataset.messageId === active.current) ?? messages[messages.length - 1];
      for (const message of messages) {
        const stop = message === current ? 0 : -1;
        if (message.tabIndex !== stop) message.tabIndex = stop;
        for (const inner of message.querySelectorAll<HTMLElement>(FOCUSABLE)) if (inner.tabIndex !== stop) inner.tabIndex = stop;
      }
    };
    const onFocusIn = (e: FocusEvent) => {
      const message = (e.target as HTMLElement).closest<HTMLElement>(MESSAGE);
      if (!message || !root.contains(message) || message.dataset.messageId === active.current) return;
      active.current = message.dataset.messageId ?? null;
      apply();
    };
    // Rows mount and unmount as the list scrolls, and messages grow buttons (a picker, a loaded attachment).
    const observer = new MutationObserver(apply);
    observer.observe(root, { childList: true, subtree: true });
    root.addEventListener("focusin", onFocusIn);
    apply();
    return () => {
      observer.disconnect();
      root.removeEventListener("focusin", onFocusIn);
    };
  }, [container]);
}

/** Up/Down, Home/End between the messages of a short (not virtual) list. */
export function onArrowKey(e: React.KeyboardEvent<HTMLElement>): void {
  if (e.defaultPrevented || !["ArrowUp", "ArrowDown", "Home", "End"].includes(e.key)) return;
  const target = e.target as HTMLElement;
  if (target.closest("textarea, input, [role=menu], [role=listbox], [role=dialog]") && !target.matches(MESSAGE)) return;
  const messages = [...e.currentTarget.querySelectorAll<HTMLElement>(MESSAGE)];
  const index = messages.indexOf(target.closest<HTMLElement>(MESSAGE) as HTMLElement);
  if (index < 0) return;
  const next = e.key === "Home" ? 0 : e.key === "End" ? messages.length - 1 : index + (e.key === "ArrowDown" ? 1 : -1);
  const message = messages[next];
  if (!message) return;
  e.preventDefault();
  message.focus();
}
