import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PollDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { errorMessage } from "../auth/errorMessage";
import { displayName } from "../conversations/title";
import { Check } from "../../ui/icons";
import { ClosePollButton } from "./ClosePollButton";
import { loadPoll, vote } from "./pollActions";
import { optionShares, toggleChoice } from "./pollMath";
import { PollHeader } from "./PollHeader";
import { SignupCard } from "./SignupCard";
import { useMyPollState } from "./myPolls";
import { usePollClosed } from "./usePollClock";
import "./polls.css";

interface Props {
  poll: PollDto;
  /** The conversation's owners and admins may close anyone's poll. */
  canModerate: boolean;
}

/** A poll as a card: options as bars with counts and shares, the user's choice marked, voting and closing. */
export function PollCard({ poll, canModerate }: Props) {
  const meId = useChat((s) => s.me?.id ?? -1);
  if (poll.kind === "signup") return <SignupCard poll={poll} meId={meId} canClose={poll.createdBy === meId || canModerate} />;
  return <VoteCard poll={poll} meId={meId} canClose={poll.createdBy === meId || canModerate} />;
}

function VoteCard({ poll, meId, canClose }: { poll: PollDto; meId: number; canClose: boolean }) {
  const { t } = useTranslation();
  const core = useCore();
  const users = useChat((s) => s.users);
  const closed = usePollClosed(poll);
  const mine = useMyPollState(meId, poll.id)?.optionIds ?? [];
  // A multiple-choice vote is picked first, then sent; null while the user has not started changing it.
  const [picking, setPicking] = useState<number[] | null>(null);
  const [voters, setVoters] = useState<Record<number, number[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shares = optionShares(poll);

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((err: unknown) => setError(errorMessage(t, err)));
  };

  const choose = (id: number) => {
    if (closed) return;
    if (poll.multiple) setPicking(toggleChoice(picking ?? mine, id));
    else run(() => vote(meId, poll.id, mine.includes(id) ? [] : [id]));
  };

  const toggleVoters = () => {
    if (voters) return setVoters(null);
    run(async () => {
      const detail = await loadPoll(poll.id);
      core.people.ensureUsers(detail.poll.options.flatMap((o) => o.voterIds));
      setVoters(Object.fromEntries(detail.poll.options.map((o) => [o.id, o.voterIds])));
    });
  };

  const shown = picking ?? mine;
  return (
    <section className={`poll-card${closed ? " closed" : ""}`} aria-label={`${t("polls.poll")}: ${poll.question}`} data-testid="poll-card" data-poll-id={poll.id}>
      <PollHeader poll={poll} closed={closed} />
      <p className="poll-question">{poll.question}</p>
      <ul className="poll-options" role="list">
        {shares.map((o) => {
          const chosen = shown.includes(o.id);
          const label = t("polls.optionLabel", { option: o.text, count: o.count, percent: o.percent }) + (mine.includes(o.id) ? ` (${t("polls.yourChoice")})` : "");
          return (
            <li key={o.id}>
              <button
                type="button"
                className={`poll-option${chosen ? " chosen" : ""}`}
                aria-pressed={chosen}
                aria-label={label}
                disabled={closed}
                onClick={() => choose(o.id)}
                data-testid="poll-option"
              >
                <span className="poll-bar" style={{ width: `${o.percent}%` }} aria-hidden="true" />
                <span className="poll-option-text">
                  {chosen && <Check size={14} aria-hidden="true" />}
                  {o.text}
                </span>
                <span className="poll-option-count" aria-hidden="true" data-testid="poll-count">
                  {o.count} · {o.percent}%
                </span>
              </button>
              {voters && (
                <p className="poll-voters muted small" data-testid="poll-voters">
                  {(voters[o.id] ?? []).map((id) => displayName(users, id, t)).join(", ") || t("polls.noVoters")}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <div className="poll-footer">
        <span className="muted small" role="status" data-testid="poll-voter-count">{t("polls.voters", { count: poll.voters })}</span>
        {poll.multiple && picking && !closed && (
          <button type="button" className="primary" onClick={() => run(async () => { await vote(meId, poll.id, picking); setPicking(null); })} data-testid="poll-submit">
            {t("polls.vote")}
          </button>
        )}
        {poll.multiple && !picking && mine.length > 0 && !closed && (
          <button type="button" className="link-button" onClick={() => run(() => vote(meId, poll.id, []))}>
            {t("polls.removeVote")}
          </button>
        )}
        {!poll.anonymous && poll.voters > 0 && (
          <button type="button" className="link-button" aria-expanded={voters !== null} onClick={toggleVoters} data-testid="poll-show-voters">
            {voters ? t("polls.hideVoters") : t("polls.showVoters")}
          </button>
        )}
        {canClose && !closed && <ClosePollButton pollId={poll.id} meId={meId} run={run} />}
      </div>
      {error && <p className="error small" role="alert">{error}</p>}
    </section>
  );
}
