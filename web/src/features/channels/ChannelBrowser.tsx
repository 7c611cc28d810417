import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationDto } from "../../api/types";
import { conversationPath, navigate } from "../../app/route";
import { useCore } from "../../core";
import { Dialog } from "../../ui/Dialog";
import { errorMessage } from "../auth/errorMessage";
import { browseChannels, createChannel, joinChannel } from "./channelActions";

export default function ChannelBrowser({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const core = useCore();
  const [query, setQuery] = useState("");
  const [channels, setChannels] = useState<ConversationDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      browseChannels(query)
        .then((items) => !cancelled && setChannels(items))
        .catch((err: unknown) => !cancelled && setError(errorMessage(t, err)));
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, t]);

  const open = (id: number) => {
    onClose();
    navigate(conversationPath(id));
  };

  const join = async (channel: ConversationDto) => {
    try {
      await joinChannel(core, channel.id);
      open(channel.id);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      const channel = await createChannel(core, String(form.get("name")).trim(), String(form.get("topic") ?? "").trim());
      open(channel.id);
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <Dialog title={t("channels.browse")} onClose={onClose} wide>
      <div className="row">
        <input className="grow" type="search" placeholder={t("channels.searchPlaceholder")} aria-label={t("channels.searchPlaceholder")} value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="button" onClick={() => setCreating((c) => !c)}>
          {t("channels.create")}
        </button>
      </div>
      {creating && (
        <form className="inline-form" onSubmit={create}>
          <input name="name" required placeholder={t("channels.name")} aria-label={t("channels.name")} />
          <input name="topic" placeholder={t("channels.topic")} aria-label={t("channels.topic")} />
          <button className="primary" type="submit">
            {t("common.create")}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="picker-list" aria-label={t("channels.results")}>
        {channels.map((channel) => (
          <li key={channel.id} className="channel-row">
            <div className="grow">
              <strong># {channel.name}</strong>
              {channel.topic && <div className="muted">{channel.topic}</div>}
              <div className="muted small">{t("channels.memberCount", { count: channel.memberCount })}</div>
            </div>
            {channel.role ? (
              <button type="button" onClick={() => open(channel.id)}>
                {t("channels.open")}
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => void join(channel)}>
                {t("channels.join")}
              </button>
            )}
          </li>
        ))}
        {channels.length === 0 && <li className="muted">{t("common.noResults")}</li>}
      </ul>
    </Dialog>
  );
}
