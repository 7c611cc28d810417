// Focus helpers shared by dialogs, side panels and the message lists (issue 22: focus fell to <body> after closing
// the thread or the switcher, and a phone's full-screen thread panel let Tab wander behind it).

/** Everything the browser can focus with Tab (before tabindex is considered). */
export const FOCUSABLE = "a[href], button, input:not([type=hidden]), textarea, select, video[controls], audio[controls], iframe, [tabindex]";

/** Keeps Tab and Shift+Tab inside `container` (a modal dialog or panel). */
export function trapTab(e: React.KeyboardEvent | KeyboardEvent, container: HTMLElement): void {
  if (e.key !== "Tab") return;
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0 && !el.hasAttribute("disabled") && el.getClientRects().length > 0);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && (document.activeElement === first || !container.contains(document.activeElement))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (document.activeElement === last || !container.contains(document.activeElement))) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * Gives focus back to `previous` (the control that opened a dialog or panel) when it is still on the page; otherwise
 * to the page's home for the keyboard: the open conversation's message box, else the main region.
 */
export function restoreFocus(previous: Element | null): void {
  if (previous instanceof HTMLElement && previous !== document.body && previous.isConnected) {
    previous.focus();
    if (document.activeElement === previous) return;
    // Hidden until its container has the focus (a message's toolbar shows on :focus-within): focus the container, then it.
    const holder = previous.parentElement?.closest<HTMLElement>("[tabindex]");
    if (holder) {
      holder.focus();
      previous.focus();
      if (document.activeElement === previous || document.activeElement === holder) return;
    }
  }
  focusHome();
}

/** The message box of the open conversation (marked data-focus-home), else the main region. */
export function focusHome(): void {
  const home = document.querySelector<HTMLElement>("[data-focus-home]:not([disabled])") ?? document.getElementById("main");
  home?.focus();
}

/** True where focusing a text box does not pop up an on-screen keyboard over half the screen. */
export function hasFinePointer(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(pointer: fine)").matches;
}
