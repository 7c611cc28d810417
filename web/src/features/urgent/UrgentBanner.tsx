import { useEffect, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import "./urgent.css";
import type { PendingUrgentDto } from "../../api/types";
import { useChat, useCore } from "../../core";
import { BellRing } from "../../ui/icons";
import { conversationPath, navigate } from "../../app/route";
import { errorMessage } from "../auth/errorMessage";
import { displayName } from "../conversations/title";
import { pendingUrgentOf } from "./pendingUrgent";
import { urgentApi } from "./urgentActions";

/**
 * The persistent banner at the top of every screen while I have urgent messages to acknowledge: the newest in full,
 * the others summarised ("+2 more", expandable). Loaded at start-up and after each reconnect, so it survives a reload
 * and catches what a device missed while offline.
 */
export function UrgentBanner() {
  const { t } = useTranslation();
  const core = useCore();
  const list = pendingUrgentOf(core);
  const pending = useSyncExternalStore(list.subscribe, list.get);
  const connection = useChat((s) => s.connection);
  const [expanded, setExpanded] = useState(false);

  useEffect(() => {
    if (connection === "connected") void list.load().catch(() => undefined);
  }, [list, connection]);

  useEffect(() => {
    core.people.ensureUsers([...new Set(pending.map((p) => p.senderId))]);
  }, [core, pending]);

  if (pending.length === 0) return null;
  const [first, ...rest] = pending;
  const shown = expanded ? pending : [first!];
  return (
    <section className="urgent-banner" role="alert" aria-label={t("urgent.bannerLabel")} data-testid="urgent-banner">
      <ul className="plain-list">
        {shown.map((p) => (
          <UrgentEntry key={p.messageId} item={p} />
        ))}
      </ul>
      {rest.length > 0 && (
        <button type="button" className="link-button urgent-more" onClick={() => setExpanded((v) => !v)} aria-expanded={expanded} data-testid="urgent-more">
          {expanded ? t("urgent.showLess") : `${t("urgent.more", { count: rest.length })} · ${t("urgent.showAll")}`}
        </button>
      )}
    </section>
  );
}

function UrgentEntry({ item }: { item: PendingUrgentDto }) {
  const { t } = useTranslation();
  const core = useCore();
  const sender = useChat((s) => displayName(s.users, item.senderId, t));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const acknowledge = () => {
    setBusy(true);
    setError(null);
    urgentApi
      .acknowledge(item.messageId)
      .then(() => pendingUrgentOf(core).drop(item.messageId))
      .catch((err: unknown) => {
        setError(errorMessage(t, err));
        setBusy(false);
      });
  };
  return (
    <li className="urgent-entry" data-testid="urgent-entry" data-message-id={item.messageId}>
      <BellRing size={20} className="urgent-icon" aria-hidden="true" />
      <div className="urgent-text">
        <strong>{t("urgent.bannerTitle", { name: sender })}</strong>
        <span className="urgent-preview">{item.preview || (item.hasFiles ? t("urgent.filesOnly") : "")}</span>
        {error && <span className="small">{error}</span>}
      </div>
      <div className="urgent-buttons">
        <button type="button" onClick={() => navigate(conversationPath(item.conversationId, item.messageId))} data-testid="urgent-open">
          {t("urgent.open")}
        </button>
        <button type="button" className="primary" onClick={acknowledge} disabled={busy} data-testid="urgent-ack">
          {t("urgent.acknowledge")}
        </button>
      </div>
    </li>
  );
}
