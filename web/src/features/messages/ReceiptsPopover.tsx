import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReceiptsDto } from "../../api/types";
import { useChat } from "../../core";
import { displayName } from "../conversations/title";
import { loadReceipts } from "./messageActions";
import { X } from "../../ui/icons";

/** Who has and hasn't read a message; refreshes when members' read positions move. */
export function ReceiptsPopover({ messageId, onClose }: { messageId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const users = useChat((s) => s.users);
  const [receipts, setReceipts] = useState<ReceiptsDto | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadReceipts(messageId)
      .then(setReceipts)
      .catch(() => setFailed(true));
  }, [messageId]);
  return (
    <div className="popover" role="dialog" aria-label={t("receipts.title")} onKeyDown={(e) => e.key === "Escape" && onClose()} data-testid="receipts-popover">
      <div className="row">
        <strong className="grow">{t("receipts.title")}</strong>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t("common.close")} autoFocus>
          <X size={16} aria-hidden="true" />
        </button>
      </div>
      {failed && <p className="error">{t("errors.network")}</p>}
      {receipts && (
        <div className="receipts-columns">
          <div>
            <h4>{t("receipts.readBy", { count: receipts.readBy.length })}</h4>
            <ul className="plain-list">
              {receipts.readBy.map((id) => (
                <li key={id}>{displayName(users, id, t)}</li>
              ))}
            </ul>
          </div>
          <div>
            <h4>{t("receipts.unreadBy", { count: receipts.unreadBy.length })}</h4>
            <ul className="plain-list">
              {receipts.unreadBy.map((id) => (
                <li key={id}>{displayName(users, id, t)}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
