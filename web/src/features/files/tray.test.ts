import { describe, expect, it } from "vitest";
import type { FileDto } from "../../api/types";
import { percent, readyFiles, trayReducer, type TrayItem } from "./tray";

const item = (key: string, size = 100): TrayItem => ({ key, name: `${key}.bin`, size, type: "", status: "uploading", sent: 0, file: null, error: null, previewUrl: null });
const dto = (id: number) => ({ id, name: "x", size: 100 }) as FileDto;

describe("trayReducer", () => {
  it("add_SameKeyTwice_KeepsOne", () => {
    expect(trayReducer(trayReducer([], { type: "add", item: item("a") }), { type: "add", item: item("a") })).toHaveLength(1);
  });

  it("progressThenDone_IsReadyWithItsFile", () => {
    let items = trayReducer([item("a")], { type: "progress", key: "a", sent: 40 });
    expect(percent(items[0]!)).toBe(40);
    items = trayReducer(items, { type: "done", key: "a", file: dto(7) });
    expect(readyFiles(items)).toEqual({ ready: true, files: [dto(7)] });
    // A late progress event does not undo "done".
    expect(trayReducer(items, { type: "progress", key: "a", sent: 10 })).toBe(items);
  });

  it("failed_BlocksSending_UntilRetriedOrRemoved", () => {
    let items = trayReducer([item("a"), item("b")], { type: "done", key: "b", file: dto(2) });
    items = trayReducer(items, { type: "failed", key: "a", error: "quota_exceeded" });
    expect(items[0]).toMatchObject({ status: "failed", error: "quota_exceeded" });
    expect(readyFiles(items).ready).toBe(false);
    expect(trayReducer(items, { type: "retry", key: "a" })[0]).toMatchObject({ status: "uploading", error: null });
    expect(readyFiles(trayReducer(items, { type: "remove", key: "a" }))).toEqual({ ready: true, files: [dto(2)] });
  });

  it("unknownKey_ReturnsSameArray", () => {
    const items = [item("a")];
    expect(trayReducer(items, { type: "done", key: "zz", file: dto(1) })).toBe(items);
  });

  it("percent_EmptyFile", () => {
    expect(percent({ ...item("a", 0), status: "done" })).toBe(100);
  });
});
