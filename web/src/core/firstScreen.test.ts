import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FirstScreen } from "./firstScreen";

describe("FirstScreen", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("holds work until the first screen is painted, then runs it once, in order", () => {
    const gate = new FirstScreen();
    const ran: string[] = [];
    gate.then(() => ran.push("hub"));
    gate.then(() => ran.push("reminders"));
    expect(ran).toEqual([]);
    gate.painted();
    gate.painted();
    vi.runOnlyPendingTimers();
    expect(ran).toEqual(["hub", "reminders"]);
    vi.advanceTimersByTime(5000);
    expect(ran).toEqual(["hub", "reminders"]);
  });

  it("runs later work at once when the screen is already up", () => {
    const gate = new FirstScreen();
    gate.painted();
    vi.runOnlyPendingTimers();
    const fn = vi.fn();
    gate.then(fn);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("does not wait forever for a screen that never says it is up", () => {
    const gate = new FirstScreen();
    const fn = vi.fn();
    gate.then(fn);
    vi.advanceTimersByTime(1999);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
