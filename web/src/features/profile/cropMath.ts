// The square an avatar keeps, in the picture's own pixels (as the browser shows it, EXIF rotation applied), and how
// dragging, zooming and the arrow keys move it. The editor shows the square filling a fixed viewport, so moving the
// picture right by d viewport pixels moves the square left by d × size / viewport picture pixels.

export interface Crop {
  x: number;
  y: number;
  size: number;
}

/** The smallest square one may zoom to: 32 picture pixels, or the whole picture when it is smaller. */
export function minSize(width: number, height: number): number {
  return Math.min(32, width, height);
}

/** The largest centred square: what the server keeps without a choice. */
export function initialCrop(width: number, height: number): Crop {
  const size = Math.min(width, height);
  return { x: Math.floor((width - size) / 2), y: Math.floor((height - size) / 2), size };
}

/** Whole pixels, inside the picture, no smaller than minSize. */
export function clampCrop(crop: Crop, width: number, height: number): Crop {
  const size = Math.round(Math.min(Math.max(crop.size, minSize(width, height)), width, height));
  const x = Math.round(Math.min(Math.max(crop.x, 0), width - size));
  const y = Math.round(Math.min(Math.max(crop.y, 0), height - size));
  return { x, y, size };
}

/** The picture dragged by (dx, dy) viewport pixels: the square moves the other way, scaled to picture pixels. */
export function pan(crop: Crop, dx: number, dy: number, viewport: number, width: number, height: number): Crop {
  const scale = crop.size / viewport;
  return clampCrop({ x: crop.x - dx * scale, y: crop.y - dy * scale, size: crop.size }, width, height);
}

/** A new square size, keeping its centre where it was (as far as the picture's edges allow). */
export function zoomTo(crop: Crop, size: number, width: number, height: number): Crop {
  const cx = crop.x + crop.size / 2;
  const cy = crop.y + crop.size / 2;
  const next = Math.min(Math.max(size, minSize(width, height)), width, height);
  return clampCrop({ x: cx - next / 2, y: cy - next / 2, size: next }, width, height);
}

/** Arrow keys move the square by 2 % of its side (10 % with Shift); + and − zoom by 10 %. Null for other keys. */
export function keyStep(crop: Crop, key: string, shift: boolean, width: number, height: number): Crop | null {
  const step = Math.max(1, Math.round(crop.size * (shift ? 0.1 : 0.02)));
  switch (key) {
    case "ArrowLeft":
      return clampCrop({ ...crop, x: crop.x - step }, width, height);
    case "ArrowRight":
      return clampCrop({ ...crop, x: crop.x + step }, width, height);
    case "ArrowUp":
      return clampCrop({ ...crop, y: crop.y - step }, width, height);
    case "ArrowDown":
      return clampCrop({ ...crop, y: crop.y + step }, width, height);
    case "+":
    case "=":
      return zoomTo(crop, crop.size / 1.1, width, height); // zoom in: a smaller square
    case "-":
    case "_":
      return zoomTo(crop, crop.size * 1.1, width, height);
    default:
      return null;
  }
}

/** Where the picture goes inside the viewport so that the square fills it: offset and drawn size, in CSS pixels. */
export function layout(crop: Crop, viewport: number, width: number, height: number): { left: number; top: number; width: number; height: number } {
  const scale = viewport / crop.size;
  return { left: -crop.x * scale, top: -crop.y * scale, width: width * scale, height: height * scale };
}
