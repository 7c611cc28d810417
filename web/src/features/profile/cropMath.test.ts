import { describe, expect, it } from "vitest";
import { clampCrop, initialCrop, keyStep, layout, minSize, pan, zoomTo } from "./cropMath";

describe("avatar crop math", () => {
  it("starts with the largest centred square", () => {
    expect(initialCrop(300, 200)).toEqual({ x: 50, y: 0, size: 200 });
    expect(initialCrop(100, 401)).toEqual({ x: 0, y: 150, size: 100 });
  });

  it("keeps the square inside the picture and in whole pixels", () => {
    expect(clampCrop({ x: -10, y: 500, size: 120.4 }, 300, 200)).toEqual({ x: 0, y: 80, size: 120 });
    expect(clampCrop({ x: 0, y: 0, size: 5 }, 300, 200)).toEqual({ x: 0, y: 0, size: 32 });
    expect(clampCrop({ x: 0, y: 0, size: 999 }, 300, 200).size).toBe(200);
    expect(minSize(20, 300)).toBe(20);
  });

  it("moves the square against the drag, scaled from viewport to picture pixels", () => {
    // A 100 px square shown in a 200 px viewport: dragging the picture 20 px right shows 10 picture pixels further left.
    expect(pan({ x: 50, y: 50, size: 100 }, 20, -40, 200, 300, 300)).toEqual({ x: 40, y: 70, size: 100 });
    expect(pan({ x: 5, y: 5, size: 100 }, 200, 200, 200, 300, 300)).toEqual({ x: 0, y: 0, size: 100 });
  });

  it("zooms around the centre and stops at the edges", () => {
    expect(zoomTo({ x: 100, y: 100, size: 100 }, 50, 400, 400)).toEqual({ x: 125, y: 125, size: 50 });
    expect(zoomTo({ x: 0, y: 0, size: 100 }, 200, 400, 150)).toEqual({ x: 0, y: 0, size: 150 });
  });

  it("answers arrow keys and +/−, and ignores other keys", () => {
    const c = { x: 100, y: 100, size: 100 };
    expect(keyStep(c, "ArrowRight", false, 400, 400)).toEqual({ x: 102, y: 100, size: 100 });
    expect(keyStep(c, "ArrowUp", true, 400, 400)).toEqual({ x: 100, y: 90, size: 100 });
    expect(keyStep(c, "+", false, 400, 400)!.size).toBe(91);
    expect(keyStep(c, "-", false, 400, 400)!.size).toBe(110);
    expect(keyStep(c, "a", false, 400, 400)).toBeNull();
  });

  it("lays the picture out so the square fills the viewport", () => {
    expect(layout({ x: 50, y: 0, size: 200 }, 240, 300, 200)).toEqual({ left: -60, top: -0, width: 360, height: 240 });
  });
});
