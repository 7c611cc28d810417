import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { UserDto } from "../../api/types";
import { conversationPath, navigate } from "../../app/route";
import { useChat, useCore } from "../../core";
import { Dialog } from "../../ui/Dialog";
import { errorMessage } from "../auth/errorMessage";
import { createGroup, openDirect } from "./conversationActions";
import { UserPicker } from "./UserPicker";

export default function NewConversationDialog({ kind, onClose }: { kind: "direct" | "group"; onClose: () => void }) {
  const { t } = useTranslation();
  const core = useCore();
  const meId = useChat((s) => s.me?.id ?? -1);
  const [selected, setSelected] = useState<UserDto[]>([]);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  const done = (id: number) => {
    onClose();
    navigate(conversationPath(id));
  };

  const toggle = async (user: UserDto) => {
    if (kind === "direct") {
      try {
        done((await openDirect(core, user.id)).id);
      } catch (err) {
        setError(errorMessage(t, err));
      }
      return;
    }
    setSelected((s) => (s.some((u) => u.id === user.id) ? s.filter((u) => u.id !== user.id) : [...s, user]));
  };

  const create = async () => {
    try {
      const fallback = selected.map((u) => u.displayName).join(", ");
      done((await createGroup(core, name.trim() || fallback, selected.map((u) => u.id))).id);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <Dialog title={kind === "direct" ? t("conversation.newDirect") : t("conversation.newGroup")} onClose={onClose}>
      {kind === "group" && (
        <label className="field">
          <span>{t("conversation.groupName")}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="group-name" />
        </label>
      )}
      <UserPicker selected={selected} onToggle={(u) => void toggle(u)} exclude={kind === "direct" ? [] : [meId]} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {kind === "group" && (
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="button" className="primary" disabled={selected.length === 0} onClick={() => void create()} data-testid="create-group">
            {t("common.create")}
          </button>
        </div>
      )}
    </Dialog>
  );
}
