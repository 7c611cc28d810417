import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PollDto, SignupEntryDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { errorMessage } from "../auth/errorMessage";
import { displayName } from "../conversations/title";
import { Pencil, Trash2 } from "../../ui/icons";
import { ClosePollButton } from "./ClosePollButton";
import { editSignup, loadPoll, removeSignup, signUp } from "./pollActions";
import { numberedEntries } from "./pollMath";
import { PollHeader } from "./PollHeader";
import { usePollClosed } from "./usePollClock";

interface Props {
  poll: PollDto;
  meId: number;
  canClose: boolean;
}

/** A sign-up chain (接龙): the numbered list, "Sign up" with an optional entry, and editing or removing one's own. */
export function SignupCard({ poll, meId, canClose }: Props) {
  const { t } = useTranslation();
  const core = useCore();
  const users = useChat((s) => s.users);
  const closed = usePollClosed(poll);
  // The summary carries the first 50 entries; "show all" loads the rest once.
  const [all, setAll] = useState<SignupEntryDto[] | null>(null);
  const [text, setText] = useState("");
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setAll(null), [poll]);
  const entries = numberedEntries(all ?? poll.entries);
  const mineEntry = poll.entries.find((e) => e.userId === meId) ?? all?.find((e) => e.userId === meId);
  const entryIds = entries.map((e) => e.userId).join();
  useEffect(() => core.people.ensureUsers(entryIds ? entryIds.split(",").map(Number) : []), [core, entryIds]);

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch((err: unknown) => setError(errorMessage(t, err)));
  };

  const submit = () =>
    run(async () => {
      if (editing) await editSignup(meId, poll.id, text.trim());
      else await signUp(meId, poll.id, text.trim());
      setText("");
      setEditing(false);
    });

  const signedUp = mineEntry !== undefined;
  return (
    <section className={`poll-card signup${closed ? " closed" : ""}`} aria-label={`${t("polls.signup")}: ${poll.question}`} data-testid="signup-card" data-poll-id={poll.id}>
      <PollHeader poll={poll} closed={closed} />
      <p className="poll-question">{poll.question}</p>
      {entries.length > 0 && (
        <ol className="signup-list" data-testid="signup-list">
          {entries.map((e) => {
            const own = e.userId === meId;
            return (
              <li key={e.userId} className={own ? "mine" : undefined} data-testid="signup-entry">
                <span className="signup-number">{e.number}.</span>{" "}
                <span className="grow">
                  <strong>{displayName(users, e.userId, t)}</strong>
                  {e.text && <span className="signup-text"> {e.text}</span>}
                </span>
                {own && !closed && !editing && (
                  <span className="signup-actions">
                    <button type="button" className="icon-button" aria-label={t("polls.editEntry")} title={t("polls.editEntry")} onClick={() => { setText(e.text); setEditing(true); }} data-testid="signup-edit">
                      <Pencil size={14} aria-hidden="true" />
                    </button>
                    <button type="button" className="icon-button" aria-label={t("polls.removeEntry")} title={t("polls.removeEntry")} onClick={() => run(() => removeSignup(meId, poll.id))} data-testid="signup-remove">
                      <Trash2 size={14} aria-hidden="true" />
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {!all && poll.voters > poll.entries.length && (
        <button type="button" className="link-button" onClick={() => run(async () => setAll((await loadPoll(poll.id)).poll.entries))}>
          {t("polls.showAll", { count: poll.voters })}
        </button>
      )}
      {!closed && (!signedUp || editing) && (
        <form className="signup-form row" onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <input value={text} maxLength={200} placeholder={t("polls.signupText")} aria-label={t("polls.signupText")} onChange={(e) => setText(e.target.value)} data-testid="signup-input" />
          {editing && (
            <button type="button" onClick={() => { setEditing(false); setText(""); }}>
              {t("common.cancel")}
            </button>
          )}
          <button type="submit" className="primary" data-testid="signup-submit">
            {editing ? t("common.save") : t("polls.signUp")}
          </button>
        </form>
      )}
      <div className="poll-footer">
        <span className="muted small" role="status" data-testid="signup-count">{t("polls.entries", { count: poll.voters })}</span>
        {canClose && !closed && <ClosePollButton pollId={poll.id} meId={meId} run={run} />}
      </div>
      {error && <p className="error small" role="alert">{error}</p>}
    </section>
  );
}
