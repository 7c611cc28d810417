import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CardBlockDto, CardDto, CardInputDto } from "../../api/types";
import { errorMessage } from "../auth/errorMessage";
import { MessageBody } from "../messages/MessageBody";
import { actOnCard } from "./cardActions";
import { dismissEphemeral, useEphemeral } from "./ephemeral";
import { safeLink } from "./safeLink";
import "./cards.css";

const namedColors: Record<string, string> = { good: "var(--success, #16a34a)", warning: "var(--warning, #d97706)", danger: "var(--danger)" };

/**
 * A message's card, built from its blocks with React elements only: texts are either plain text nodes or go through
 * MessageBody (markdown-it with raw HTML off and unsafe links refused), links are re-checked, nothing from the
 * payload becomes HTML. Buttons send the card's form inputs with the click.
 */
export function CardView({ messageId, card, interactive = true }: { messageId: number; card: CardDto; interactive?: boolean }) {
  const { t } = useTranslation();
  const inputs = card.blocks.flatMap((b) => b.inputs ?? []);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(inputs.map((i) => [i.id, i.value ?? ""])));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ephemeral = useEphemeral(messageId);
  const accent = card.color ? namedColors[card.color] ?? card.color : undefined;

  const click = (actionId: string, value: string | null | undefined) => {
    setBusy(actionId);
    setError(null);
    actOnCard(messageId, actionId, value, values)
      .catch((err: unknown) => setError(errorMessage(t, err)))
      .finally(() => setBusy(null));
  };

  const block = (b: CardBlockDto, i: number) => {
    switch (b.type) {
      case "header": {
        const link = safeLink(b.link);
        return (
          <h4 className="card-header" key={i}>
            {link ? <a href={link} target="_blank" rel="noopener noreferrer">{b.text}</a> : b.text}
          </h4>
        );
      }
      case "section":
        return (
          <div className="card-section" key={i}>
            {b.text && <MessageBody text={b.text} />}
            {b.fields && b.fields.length > 0 && (
              <dl className="card-fields">
                {b.fields.map((f, j) => (
                  <div className={`card-field${f.inline ? " inline" : ""}`} key={j}>
                    {f.title && <dt>{f.title}</dt>}
                    <dd><MessageBody text={f.value} /></dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        );
      case "context":
        return <div className="card-context muted small" key={i}>{b.text && <MessageBody text={b.text} />}</div>;
      case "divider":
        return <hr className="card-divider" key={i} />;
      case "input":
        return (
          <div className="card-inputs" key={i}>
            {(b.inputs ?? []).map((input) => (
              <CardInput key={input.id} input={input} value={values[input.id] ?? ""} disabled={!interactive || busy !== null}
                onChange={(v) => setValues((old) => ({ ...old, [input.id]: v }))} />
            ))}
          </div>
        );
      case "actions":
        return (
          <div className="card-actions" key={i}>
            {(b.buttons ?? []).map((button) => (
              <button type="button" key={button.actionId} className={`card-button${button.style ? ` ${button.style}` : ""}`}
                disabled={!interactive || busy !== null} aria-busy={busy === button.actionId}
                onClick={() => click(button.actionId, button.value)} data-testid="card-button" data-action-id={button.actionId}>
                {busy === button.actionId ? t("cards.working") : button.text}
              </button>
            ))}
          </div>
        );
      default:
        return null;
    }
  };

  return (
    <section className="message-card" style={accent ? { borderLeftColor: accent } : undefined} aria-label={t("cards.ariaLabel")} data-testid="message-card">
      {card.blocks.map(block)}
      {error && <p className="error small" role="alert">{error}</p>}
      {ephemeral && (
        <div className="card-ephemeral" role="status" data-testid="card-ephemeral">
          <div className="card-ephemeral-head muted small">
            <span>{t("cards.onlyYou")}</span>
            <button type="button" className="link-button" onClick={() => dismissEphemeral(messageId)}>{t("cards.dismiss")}</button>
          </div>
          {ephemeral.text && <MessageBody text={ephemeral.text} />}
          {ephemeral.card && <CardView messageId={-messageId} card={ephemeral.card} interactive={false} />}
        </div>
      )}
    </section>
  );
}

function CardInput({ input, value, disabled, onChange }: { input: CardInputDto; value: string; disabled: boolean; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const placeholder = input.placeholder ?? undefined;
  return (
    <label className="card-input">
      <span className="small">{input.label}</span>
      {input.type === "select" ? (
        <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          <option value="">{placeholder ?? t("cards.choose")}</option>
          {(input.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
        </select>
      ) : input.multiline ? (
        <textarea value={value} placeholder={placeholder} disabled={disabled} rows={3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type="text" value={value} placeholder={placeholder} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
      )}
    </label>
  );
}
