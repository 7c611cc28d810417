// Admin console → Flagged content: texts that flag rules let through, newest first, with the message as it is
// now; a compliance user dismisses a flag or removes the message for everyone (both audited).
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useChat } from "../../../core";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import { listFlags, reviewFlag, type ModerationFlag } from "./moderationActions";
import "./moderation.css";

export default function FlaggedSection() {
  const { t } = useTranslation();
  const canManage = useChat((s) => s.me?.permissions?.includes("compliance.manage") ?? false);
  const [openOnly, setOpenOnly] = useState(true);
  const [flags, setFlags] = useState<ModerationFlag[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(
    () => listFlags(openOnly).then((f) => (setFlags(f), setError(null)), (err: unknown) => setError(errorMessage(t, err))),
    [openOnly, t],
  );
  useEffect(() => void reload(), [reload]);

  const decide = (flag: ModerationFlag, decision: "dismiss" | "remove") => {
    if (decision === "remove" && !window.confirm(t("moderation.confirmRemove"))) return;
    reviewFlag(flag.id, decision).then(reload, (err: unknown) => setError(errorMessage(t, err)));
  };

  return (
    <div data-testid="admin-flagged">
      <h2>{t("admin.sections.flagged")}</h2>
      <div className="admin-toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} /> {t("moderation.openOnly")}
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {flags && flags.length === 0 && <p className="muted">{t("moderation.noFlags")}</p>}
      {flags && flags.length > 0 && (
        <table className="admin-table" data-testid="moderation-flags">
          <thead>
            <tr>
              <th>{t("moderation.when")}</th>
              <th>{t("moderation.text")}</th>
              <th>{t("moderation.where")}</th>
              <th>{t("moderation.decision")}</th>
            </tr>
          </thead>
          <tbody>
            {flags.map((f) => (
              <tr key={f.id} data-testid={`moderation-flag-${f.id}`}>
                <td>{formatDateTime(f.at)}</td>
                <td className="moderation-flags-text">
                  {f.text ?? <span className="muted">{t(`moderation.kinds.${f.kind}`, { defaultValue: f.kind })}</span>}
                  <div className="muted small">
                    {f.userName ?? t("common.userFallback", { id: f.userId })}
                    {f.patterns.length > 0 && <> · {t("moderation.matched", { patterns: f.patterns.join("、") })}</>}
                  </div>
                </td>
                <td>
                  {f.conversationId ? (f.conversationKind === "direct" ? t("moderation.directMessage") : (f.conversationName ?? t("moderation.conversation", { id: f.conversationId }))) : "—"}
                </td>
                <td className="actions">
                  {f.review ? (
                    <span>{t(`moderation.decisions.${f.review.decision}`)}</span>
                  ) : canManage ? (
                    <>
                      <button type="button" onClick={() => decide(f, "dismiss")}>
                        {t("moderation.dismiss")}
                      </button>
                      {f.messageId && (
                        <button type="button" className="danger" onClick={() => decide(f, "remove")}>
                          {t("moderation.remove")}
                        </button>
                      )}
                    </>
                  ) : (
                    <span className="muted">{t("moderation.pending")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
