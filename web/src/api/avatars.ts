// Avatar pictures need the bearer token (GET /users/{id}/avatar is for signed-in users), which <img src> cannot send:
// each picture is fetched once with the token and shown from an object URL. The URL carries the avatar's version
// (v=…) and the server marks it immutable for a year, so the browser's HTTP cache answers repeat fetches, and a new
// avatar is a new URL. Object URLs are kept for the page's life: a few KiB each, one per person shown.
import { API_BASE, requestBlob } from "./http";

const loaded = new Map<string, Promise<string | null>>();

/** The side to ask for: 64 px covers lists up to 32 CSS px at 2× density, 256 the profile card. */
export function avatarSide(cssPixels: number, density = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1): 64 | 256 {
  return cssPixels * density <= 64 ? 64 : 256;
}

/** An object URL for the avatar at `avatarUrl` (from a user DTO), or null when it cannot be loaded (the initial shows). */
export function avatarImage(avatarUrl: string, side: 64 | 256): Promise<string | null> {
  const key = `${avatarUrl}&size=${side}`;
  let image = loaded.get(key);
  if (!image) {
    const path = key.startsWith(API_BASE) ? key.slice(API_BASE.length) : key;
    image = requestBlob(path).then(
      (blob) => URL.createObjectURL(blob),
      () => {
        loaded.delete(key); // try again next time it is shown
        return null;
      },
    );
    loaded.set(key, image);
  }
  return image;
}
