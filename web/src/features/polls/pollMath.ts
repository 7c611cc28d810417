// What a poll card shows, computed from the summary every member receives: shares, closed state, numbered entries.
import type { PollDto, SignupEntryDto } from "../../api/types";

export interface OptionShare {
  id: number;
  text: string;
  count: number;
  /** Whole percent of the people who voted (a multiple-choice poll's shares may add up to more than 100). */
  percent: number;
  voterIds: number[];
}

/**
 * Shares of the voters. A single-choice poll's percentages add up to exactly 100 (largest remainder: 1/3 each is
 * 34, 33, 33, not 33 three times); a multiple-choice poll's are each option's share of the voters, rounded.
 */
export function optionShares(poll: PollDto): OptionShare[] {
  const voters = poll.voters;
  const exact = poll.options.map((o) => (voters > 0 ? (o.count / voters) * 100 : 0));
  let percents = exact.map((p) => Math.round(p));
  const total = poll.options.reduce((sum, o) => sum + o.count, 0);
  if (!poll.multiple && voters > 0 && total === voters) {
    percents = exact.map((p) => Math.floor(p));
    let left = 100 - percents.reduce((a, b) => a + b, 0);
    const byRemainder = exact.map((p, i) => ({ i, r: p - Math.floor(p) })).sort((a, b) => b.r - a.r || a.i - b.i);
    for (const { i } of byRemainder) {
      if (left <= 0) break;
      if (exact[i] === 0) continue;
      percents[i] = (percents[i] ?? 0) + 1;
      left--;
    }
  }
  return poll.options.map((o, i) => ({ id: o.id, text: o.text, count: o.count, percent: percents[i] ?? 0, voterIds: o.voterIds }));
}

/** Closed by a member, or its closing time has passed (the server refuses votes from then on). */
export function isClosed(poll: PollDto, now: number): boolean {
  return poll.closedAt != null || (poll.closesAt != null && Date.parse(poll.closesAt) <= now);
}

/** Milliseconds until the poll closes by itself, or null when it will not (already closed, or no closing time). */
export function msUntilClose(poll: PollDto, now: number): number | null {
  if (poll.closedAt != null || poll.closesAt == null) return null;
  return Math.max(0, Date.parse(poll.closesAt) - now);
}

/** A chain's entries numbered 1, 2, 3… in sign-up order, as 接龙 lists are. */
export function numberedEntries(entries: SignupEntryDto[]): (SignupEntryDto & { number: number })[] {
  return [...entries]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i)
    .map(({ e }, i) => ({ ...e, number: i + 1 }));
}

/** The choice a multiple-choice vote would send after toggling one option. */
export function toggleChoice(chosen: number[], id: number): number[] {
  return chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id];
}

/** The options of a new poll as sent: trimmed, without empty rows; null when fewer than two remain or two are the same. */
export function cleanOptions(rows: string[]): string[] | null {
  const options = rows.map((r) => r.trim()).filter((r) => r.length > 0);
  const distinct = new Set(options.map((o) => o.toLowerCase()));
  return options.length >= 2 && distinct.size === options.length ? options : null;
}
