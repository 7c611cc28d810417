// Admin console → Emoji: custom emoji for reactions (issue 20). Add with a name and a small image; remove. The server
// checks system.manage on every call; reactions name an emoji as ":name:".
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { customEmojiApi } from "../../../api/endpoints";
import { formatDateTime } from "../../../i18n/format";
import { errorMessage } from "../../auth/errorMessage";
import { loadCustomEmoji, useCustomEmoji } from "../../reactions/customEmoji";
import { ReactionGlyph } from "../../reactions/ReactionGlyph";

export default function EmojiSection() {
  const { t } = useTranslation();
  const { list } = useCustomEmoji();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) return setError(t("admin.emoji.noFile"));
    setBusy(true);
    setError(null);
    try {
      await customEmojiApi.add(String(data.get("name")).trim(), file);
      form.reset();
      await loadCustomEmoji(true);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (name: string) => {
    if (!window.confirm(t("admin.emoji.confirmRemove", { name }))) return;
    try {
      await customEmojiApi.remove(name);
      await loadCustomEmoji(true);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <div data-testid="admin-emoji">
      <h2>{t("admin.sections.emoji")}</h2>
      <p className="muted small">{t("admin.emoji.intro")}</p>
      <form className="inline-form wrap admin-toolbar" onSubmit={(e) => void add(e)} data-testid="admin-emoji-form">
        <input name="name" required pattern="[a-z0-9_+\-]{2,30}" placeholder={t("admin.emoji.name")} aria-label={t("admin.emoji.name")} title={t("admin.emoji.nameRule")} />
        <input name="file" type="file" accept="image/png,image/gif,image/jpeg,image/webp" aria-label={t("admin.emoji.image")} />
        <button type="submit" className="primary" disabled={busy}>
          {t("admin.emoji.add")}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {list.length === 0 ? (
        <p className="muted">{t("admin.emoji.empty")}</p>
      ) : (
        <ul className="plain-list admin-emoji-list">
          {list.map((emoji) => (
            <li key={emoji.name} className="row" data-testid="admin-emoji-row">
              <ReactionGlyph emoji={`:${emoji.name}:`} size={28} />
              <code className="grow">:{emoji.name}:</code>
              <span className="muted small">{formatDateTime(emoji.createdAt)}</span>
              <button type="button" className="danger" onClick={() => void remove(emoji.name)}>
                {t("admin.emoji.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
