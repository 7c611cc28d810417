// The signed-in start shows its first screen before it asks for what that screen does not show (issue 22). On a slow
// phone every request and every script started before the first messages are painted delays them: the hub
// connection (its SignalR code, its ticket), the reminders, the saved ids, the fresh copy of the signed-in user.
// Those wait here until the first screen has been painted, or FALLBACK_MS at most (a screen that never says so).

const FALLBACK_MS = 2000;

export class FirstScreen {
  private shown = false;
  private waiting: Array<() => void> = [];
  private fallback: ReturnType<typeof setTimeout> | null = null;

  /** Runs fn once the first screen is up (at once when it already is). */
  then(fn: () => void): void {
    if (this.shown) {
      fn();
      return;
    }
    this.waiting.push(fn);
    this.fallback ??= setTimeout(() => this.shownNow(), FALLBACK_MS);
  }

  /** The first screen has been committed: call the waiting work after the browser has painted it. */
  painted(): void {
    if (this.shown) return;
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(() => this.shownNow(), 0));
    else this.shownNow();
  }

  private shownNow(): void {
    if (this.shown) return;
    this.shown = true;
    if (this.fallback) clearTimeout(this.fallback);
    const waiting = this.waiting;
    this.waiting = [];
    for (const fn of waiting) fn();
  }
}
