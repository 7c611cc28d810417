import type { PresenceStatus } from "../api/types";
import { useTranslation } from "react-i18next";

const palette = ["#4263eb", "#0ca678", "#e8590c", "#ae3ec9", "#1098ad", "#d6336c", "#5c940d", "#f08c00"];

export function Avatar({ name, id, size = 36, presence }: { name: string; id: number; size?: number; presence?: PresenceStatus | undefined }) {
  const letter = [...(name.trim() || "?")][0]?.toUpperCase() ?? "?";
  return (
    <span className="avatar" style={{ width: size, height: size, background: palette[Math.abs(id) % palette.length], fontSize: size * 0.45 }} aria-hidden="true">
      {letter}
      {presence && <PresenceDot status={presence} />}
    </span>
  );
}

export function PresenceDot({ status }: { status: PresenceStatus }) {
  const { t } = useTranslation();
  return <span className={`presence-dot ${status}`} role="img" aria-label={t(`presence.${status}`)} title={t(`presence.${status}`)} />;
}
