import { customName, useCustomEmoji } from "./customEmoji";

/** A reaction's emoji: Unicode in the app's emoji font, or a custom emoji's image (its ":name:" until it loads or if removed). */
export function ReactionGlyph({ emoji, size = 18 }: { emoji: string; size?: number }) {
  const { urls } = useCustomEmoji();
  const name = customName(emoji);
  if (name === null) return <span className="emoji">{emoji}</span>;
  const url = urls[name];
  return url ? <img src={url} alt={emoji} title={emoji} className="custom-emoji" width={size} height={size} /> : <span className="custom-emoji-name">{emoji}</span>;
}
