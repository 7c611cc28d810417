// The compliance watermark (Parley:Compliance:Watermark): the viewer's name and today's date, faint and repeated over
// the conversation, so a screenshot or a photo of the screen names who took it. Decorative for assistive technology,
// transparent to the pointer; text nodes rather than a background image, so the page's CSP needs nothing new.
import { useChat, useConfig } from "../../core";
import { formatDate } from "../../i18n/format";
import "./watermark.css";

const TILES = 24;

export function Watermark() {
  const { features } = useConfig();
  const me = useChat((s) => s.me);
  if (!features.watermark || !me) return null;
  const label = `${me.displayName} · ${me.username} · ${formatDate(new Date())}`;
  return (
    <div className="watermark" aria-hidden="true" data-testid="watermark">
      {Array.from({ length: TILES }, (_, i) => (
        <span key={i}>{label}</span>
      ))}
    </div>
  );
}
