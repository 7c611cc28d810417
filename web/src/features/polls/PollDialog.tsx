import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PollKind } from "../../api/types";
import { Dialog } from "../../ui/Dialog";
import { Plus, X } from "../../ui/icons";
import { errorMessage } from "../auth/errorMessage";
import { createPoll } from "./pollActions";
import { cleanOptions } from "./pollMath";
import "./polls.css";

const MAX_OPTIONS = 20;

/** Creates a poll or a sign-up chain (接龙) in a conversation: question, options, multiple, anonymous, deadline. */
export default function PollDialog({ conversationId, onClose }: { conversationId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PollKind>("poll");
  const [question, setQuestion] = useState("");
  const [options, setOptions] = useState(["", ""]);
  const [multiple, setMultiple] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [deadline, setDeadline] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cleaned = cleanOptions(options);
  const valid = question.trim().length > 0 && (kind === "signup" || cleaned !== null);

  const submit = async () => {
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    try {
      await createPoll(conversationId, {
        kind,
        question: question.trim(),
        options: kind === "poll" ? cleaned : null,
        multiple: kind === "poll" && multiple,
        anonymous: kind === "poll" && anonymous,
        closesAt: deadline ? new Date(deadline).toISOString() : null,
      });
      onClose();
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={kind === "poll" ? t("polls.createTitle") : t("polls.createSignupTitle")} onClose={onClose}>
      <form className="poll-dialog" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="poll-dialog">
        <div className="poll-kind-switch" role="group" aria-label={t("polls.kindLabel")}>
          <button type="button" aria-pressed={kind === "poll"} onClick={() => setKind("poll")} data-testid="poll-kind-poll">
            {t("polls.kindPoll")}
          </button>
          <button type="button" aria-pressed={kind === "signup"} onClick={() => setKind("signup")} data-testid="poll-kind-signup">
            {t("polls.kindSignup")}
          </button>
        </div>
        <label className="field">
          <span>{t("polls.question")}</span>
          <input value={question} maxLength={300} placeholder={kind === "poll" ? t("polls.questionPlaceholder") : t("polls.signupPlaceholder")} onChange={(e) => setQuestion(e.target.value)} data-testid="poll-question" />
        </label>
        {kind === "poll" && (
          <>
            <fieldset>
              <legend>{t("polls.options")}</legend>
              {options.map((value, i) => (
                <div className="poll-option-row" key={i}>
                  <input
                    value={value}
                    maxLength={100}
                    aria-label={t("polls.option", { number: i + 1 })}
                    placeholder={t("polls.option", { number: i + 1 })}
                    onChange={(e) => setOptions(options.map((o, j) => (j === i ? e.target.value : o)))}
                    data-testid="poll-option-input"
                  />
                  {options.length > 2 && (
                    <button type="button" className="icon-button" aria-label={t("polls.removeOption", { number: i + 1 })} title={t("polls.removeOption", { number: i + 1 })} onClick={() => setOptions(options.filter((_, j) => j !== i))}>
                      <X size={16} aria-hidden="true" />
                    </button>
                  )}
                </div>
              ))}
              {options.length < MAX_OPTIONS && (
                <button type="button" className="link-button poll-add-option" onClick={() => setOptions([...options, ""])} data-testid="poll-add-option">
                  <Plus size={14} aria-hidden="true" /> {t("polls.addOption")}
                </button>
              )}
              <span className="muted small">{t("polls.optionsHint")}</span>
            </fieldset>
            <label className="check">
              <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} data-testid="poll-multiple" />
              {t("polls.multiple")}
            </label>
            <label className="check">
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} data-testid="poll-anonymous" />
              {t("polls.anonymous")}
            </label>
          </>
        )}
        <label className="field">
          <span>{t("polls.deadline")}</span>
          <input type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} data-testid="poll-deadline" />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <div className="poll-dialog-actions">
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          <button type="submit" className="primary" disabled={!valid || busy} data-testid="poll-create">
            {t("polls.create")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
