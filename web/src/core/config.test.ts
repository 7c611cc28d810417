import { describe, expect, it, vi } from "vitest";
import type { ClientConfigDto } from "../api/types";
import { ConfigSource, defaultConfig } from "./config";

const signedIn: ClientConfigDto = {
  auth: { minPasswordLength: 12 },
  messages: { recallWindowSeconds: 330, maxTextBytes: 1000, maxReactionsPerMessage: 20, mentionAllOpenUpTo: 10 },
  files: { maxFileSize: 1024, userQuota: 0, chunkSize: 65536, maxNameLength: 100, blockedExtensions: ["exe"], allowedExtensions: null },
  features: { files: true, search: true, planner: false },
};
const anonymous: ClientConfigDto = { auth: { minPasswordLength: 12 }, messages: null, files: null, features: null };

describe("ConfigSource", () => {
  it("beforeTheServerAnswers_UsesTheServerDefaults", () => {
    const source = new ConfigSource(undefined, () => new Promise(() => undefined));
    void source.load();
    expect(source.get()).toBe(defaultConfig);
    expect(source.get().messages.recallWindowSeconds).toBe(120);
  });

  it("signedInAnswer_ReplacesEverySection_AndNotifies", async () => {
    const source = new ConfigSource(undefined, () => Promise.resolve(signedIn));
    const listener = vi.fn();
    source.subscribe(listener);
    await source.load();
    expect(source.get()).toEqual(signedIn);
    expect(source.isComplete).toBe(true);
    expect(listener).toHaveBeenCalledOnce();
  });

  it("anonymousAnswer_ReplacesOnlyThePasswordPolicy_AndStaysIncomplete", async () => {
    const source = new ConfigSource(undefined, () => Promise.resolve(anonymous));
    await source.load();
    expect(source.get().auth.minPasswordLength).toBe(12);
    expect(source.get().messages).toEqual(defaultConfig.messages);
    expect(source.isComplete).toBe(false);
  });

  it("anonymousAnswerAfterSignedIn_KeepsTheSignedInSections", async () => {
    const answers = [signedIn, anonymous];
    const source = new ConfigSource(undefined, () => Promise.resolve(answers.shift()!));
    await source.load();
    await source.load();
    expect(source.get().messages.recallWindowSeconds).toBe(330);
  });

  it("failure_KeepsCurrentValues_AndTheNextLoadTriesAgain", async () => {
    const fetchConfig = vi.fn<() => Promise<ClientConfigDto>>().mockRejectedValueOnce(new Error("offline")).mockResolvedValueOnce(signedIn);
    const source = new ConfigSource(undefined, fetchConfig);
    await source.load();
    expect(source.get()).toBe(defaultConfig);
    await source.load();
    expect(source.get().messages.maxTextBytes).toBe(1000);
  });

  it("loadWhileLoading_SendsOneRequest", async () => {
    const fetchConfig = vi.fn(() => Promise.resolve(signedIn));
    const source = new ConfigSource(undefined, fetchConfig);
    await Promise.all([source.load(), source.load()]);
    expect(fetchConfig).toHaveBeenCalledOnce();
  });
});
