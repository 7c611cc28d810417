// The compliance watermark (Parley:Compliance:Watermark, or a conversation's own setting): the viewer's name and today's date, faint and repeated over
// the conversation, so a screenshot or a photo of the screen names who took it. Decorative for assistive technology,
// transparent to the pointer; text nodes rather than a background image, so the page's CSP needs nothing new.
import { useChat, useConfig } from "../../core";
import { formatDate } from "../../i18n/format";
import "./watermark.css";

const TILES = 24;

/** Drawn when the global setting is on, or when this conversation has its own watermark turned on. */
export function Watermark({ conversationId }: { conversationId?: number }) {
  const { features } = useConfig();
  const me = useChat((s) => s.me);
  const own = useChat((s) => (conversationId === undefined ? false : (s.conversations[conversationId]?.watermark ?? false)));
  if (!(features.watermark || own) || !me) return null;
  const label = `${me.displayName} · ${me.username} · ${formatDate(new Date())}`;
  return (
    <div className="watermark" aria-hidden="true" data-testid="watermark">
      {Array.from({ length: TILES }, (_, i) => (
        <span key={i}>{label}</span>
      ))}
    </div>
  );
}
