import type { PresenceStatus } from "../api/types";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { avatarImage, avatarSide } from "../api/avatars";
import { avatarColour } from "./avatarColour";


/** The object URL of an uploaded avatar once it has loaded; null before, without one, or when it failed. */
export function useAvatarImage(url: string | null | undefined, size: number): string | null {
  const [image, setImage] = useState<{ url: string; src: string | null } | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    void avatarImage(url, avatarSide(size)).then((src) => {
      if (live) setImage({ url, src });
    });
    return () => {
      live = false;
    };
  }, [url, size]);
  return url && image?.url === url ? image.src : null;
}

/** A person's picture: the uploaded avatar when there is one (url: avatarUrl of the DTO), else the initial on a colour. */
export function Avatar({ name, id, size = 36, presence, url }: { name: string; id: number; size?: number; presence?: PresenceStatus | undefined; url?: string | null | undefined }) {
  const letter = [...(name.trim() || "?")][0]?.toUpperCase() ?? "?";
  const src = useAvatarImage(url, size);
  return (
    <span
      className={src ? "avatar has-image" : "avatar"}
      style={{ width: size, height: size, background: src ? undefined : avatarColour(id), fontSize: size * 0.45 }}
      aria-hidden="true"
    >
      {src ? <img src={src} alt="" width={size} height={size} className="avatar-image" draggable={false} /> : letter}
      {presence && <PresenceDot status={presence} />}
    </span>
  );
}

export function PresenceDot({ status }: { status: PresenceStatus }) {
  const { t } = useTranslation();
  return <span className={`presence-dot ${status}`} role="img" aria-label={t(`presence.${status}`)} title={t(`presence.${status}`)} />;
}
