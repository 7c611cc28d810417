import { SidePanel } from "../../ui/SidePanel";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MessageDto } from "../../api/types";
import { useChat } from "../../core";
import { conversationPath, navigate } from "../../app/route";
import { formatDateTime } from "../../i18n/format";
import { displayName } from "../conversations/title";
import { loadPins } from "../messages/messageActions";

export function PinsPanel({ conversationId, onClose }: { conversationId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const users = useChat((s) => s.users);
  // Reload when a pin changes anywhere in the loaded timeline.
  const pinSignature = useChat((s) => (s.timelines[conversationId]?.messages ?? []).filter((m) => m.pinnedAt).map((m) => m.id).join(","));
  const [pins, setPins] = useState<MessageDto[] | null>(null);

  useEffect(() => {
    loadPins(conversationId)
      .then(setPins)
      .catch(() => setPins([]));
  }, [conversationId, pinSignature]);

  return (
    <SidePanel title={t("pins.title")} testId="pins-panel" onClose={onClose}>
      {pins === null && <p className="muted">{t("common.loading")}</p>}
      {pins?.length === 0 && <p className="muted">{t("pins.empty")}</p>}
      <ul className="plain-list">
        {pins?.map((m) => (
          <li key={m.id}>
            <button type="button" className="pin-item" onClick={() => navigate(conversationPath(conversationId, m.id))}>
              <strong>{displayName(users, m.senderId, t)}</strong> <span className="muted small">{formatDateTime(m.createdAt)}</span>
              <span className="pin-text">{m.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </SidePanel>
  );
}
