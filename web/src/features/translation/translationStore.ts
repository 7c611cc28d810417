// The translation state of one signed-in session: whether translation is on, the user's and the open conversations'
// auto-translation, which messages the user asked to translate, and the translations fetched (a client-side cache
// keyed by message, edit and language, beside the server's). Found from the Core (a WeakMap: the core knows no feature).
import { useSyncExternalStore } from "react";
import type { MessageDto, TranslationDto, TranslationPreferencesDto, TranslationStatusDto } from "../../api/types";
import type { Core } from "../../core";
import { translationApi } from "./translationActions";

export type TranslationEntry = { state: "loading" } | { state: "done"; dto: TranslationDto } | { state: "error"; error: unknown };

export interface TranslationState {
  status: TranslationStatusDto | null;
  preferences: TranslationPreferencesDto | null;
  /** conversation id → auto-translated for its members (set by its managers). */
  conversations: Record<number, boolean>;
  /** message id → the language the user asked for with "Translate" (null: they closed it). */
  requested: Record<number, string | null>;
  /** message ids whose original text the user folded away under "Hide original". */
  originalHidden: Record<number, boolean>;
  results: Record<string, TranslationEntry>;
}

type Listener = () => void;

export class TranslationStore {
  constructor(private readonly core: Core) {}

  private state: TranslationState = { status: null, preferences: null, conversations: {}, requested: {}, originalHidden: {}, results: {} };
  private readonly listeners = new Set<Listener>();
  private loading: Promise<void> | null = null;
  private readonly conversationLoads = new Set<number>();

  getState = (): TranslationState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<TranslationState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /**
   * Status and the user's preferences, once per session (a failure leaves translation off); asked after the first
   * screen (core/firstScreen.ts): nothing on it needs them.
   */
  ensureLoaded(): void {
    this.loading ??= new Promise<void>((resolve) => this.core.firstScreen.then(resolve)).then(() =>
      Promise.all([translationApi.status(), translationApi.preferences()]).then(
        ([status, preferences]) => this.set({ status, preferences }),
        () => this.set({ status: { enabled: false, languages: [] } }),
      ),
    );
  }

  /** Reloads after an administrator changed the providers or languages. */
  reload(): void {
    this.loading = null;
    this.ensureLoaded();
  }

  ensureConversation(conversationId: number): void {
    if (this.conversationLoads.has(conversationId)) return;
    this.conversationLoads.add(conversationId);
    translationApi.conversation(conversationId).then(
      (c) => this.set({ conversations: { ...this.state.conversations, [conversationId]: c.autoTranslate } }),
      () => this.conversationLoads.delete(conversationId),
    );
  }

  setConversation(conversationId: number, autoTranslate: boolean): void {
    this.set({ conversations: { ...this.state.conversations, [conversationId]: autoTranslate } });
  }

  setPreferences(preferences: TranslationPreferencesDto): void {
    this.set({ preferences });
  }

  /**
   * Switches the conversation's auto-translation here at once (the checkbox follows the click) and on the server;
   * a refusal puts the old value back and is thrown.
   */
  async saveConversation(conversationId: number, autoTranslate: boolean): Promise<void> {
    const before = this.state.conversations[conversationId] === true;
    this.setConversation(conversationId, autoTranslate);
    try {
      const saved = await translationApi.setConversation(conversationId, autoTranslate);
      this.setConversation(conversationId, saved.autoTranslate);
    } catch (err) {
      this.setConversation(conversationId, before);
      throw err;
    }
  }

  /** Saves the user's auto-translation and language, here at once and on the server (a refusal restores and throws). */
  async savePreferences(preferences: TranslationPreferencesDto): Promise<void> {
    const before = this.state.preferences;
    this.setPreferences(preferences);
    try {
      this.setPreferences(await translationApi.setPreferences(preferences));
    } catch (err) {
      this.set({ preferences: before });
      throw err;
    }
  }

  /** "Translate" (a language) or "Hide translation" (null, which also shows the original again). */
  request(messageId: number, language: string | null): void {
    const originalHidden = language === null ? { ...this.state.originalHidden, [messageId]: false } : this.state.originalHidden;
    this.set({ requested: { ...this.state.requested, [messageId]: language }, originalHidden });
  }

  toggleOriginal(messageId: number): void {
    this.set({ originalHidden: { ...this.state.originalHidden, [messageId]: !this.state.originalHidden[messageId] } });
  }

  /** Fetches a translation unless it is cached here or on its way; an edit changes the key, so it is asked again. */
  fetch(message: MessageDto, language: string): void {
    const key = resultKey(message, language);
    const known = this.state.results[key];
    if (known && known.state !== "error") return;
    this.set({ results: { ...this.state.results, [key]: { state: "loading" } } });
    translationApi.translate(message.id, language).then(
      (dto) => this.set({ results: { ...this.state.results, [key]: { state: "done", dto } } }),
      (error: unknown) => this.set({ results: { ...this.state.results, [key]: { state: "error", error } } }),
    );
  }
}

export const resultKey = (message: Pick<MessageDto, "id" | "editedAt">, language: string) => `${message.id}:${message.editedAt ?? ""}:${language}`;

/** The language translations go into: the user's choice, else the display language when offered, else the first offered. */
export function defaultLanguage(state: TranslationState, displayLanguage: string): string | null {
  const offered = state.status?.languages ?? [];
  const wanted = state.preferences?.language ?? displayLanguage;
  if (offered.includes(wanted)) return wanted;
  const primary = offered.find((l) => l.split("-")[0] === wanted.split("-")[0]);
  return primary ?? offered[0] ?? null;
}

const sessions = new WeakMap<Core, TranslationStore>();

export function translationStoreOf(core: Core): TranslationStore {
  let store = sessions.get(core);
  if (!store) {
    store = new TranslationStore(core);
    sessions.set(core, store);
  }
  return store;
}

export function useTranslationState<T>(core: Core, select: (s: TranslationState) => T): T {
  const store = translationStoreOf(core);
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
