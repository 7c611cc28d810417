// Catch-up (DESIGN.md §5): after the first load and every (re)connect, /sync refreshes the conversation list, then
// every open timeline fetches the log after what it has applied, page by page. Live events meanwhile take the same
// ordered path (state/timeline.ts), so nothing is applied twice or skipped.
import { conversationsApi } from "../../api/endpoints";
import { ApiError, NetworkError } from "../../api/http";
import type { EventDto } from "../../api/types";
import type { Store } from "../store";

const EVENTS_PAGE = 200;
/** A gap that still isn't closed after this many pages means the server lost events: stop rather than spin. */
const MAX_FILL_PAGES = 500;

export interface CatchUpHooks {
  /** Apply one log entry (not live: it is replayed, not pushed). */
  apply: (event: EventDto) => void;
  /** After each catch-up, failed or not: watch presence, flush the outbox. */
  after: (succeeded: boolean) => void;
}

export class CatchUp {
  private readonly filling = new Set<number>();
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: Store,
    /** An embedded session limited to one conversation: the list and /sync are outside its scope, so it reads just that one. */
    private readonly only: number | undefined,
    private readonly hooks: CatchUpHooks,
  ) {}

  /**
   * Runs one catch-up at a time. A request that arrives while one is running (the hub connected during the first
   * load, say) runs another afterwards: the running one may have read the server before what the caller saw.
   */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.once().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    });
    return this.running;
  }

  private async once(): Promise<void> {
    let succeeded = false;
    try {
      const { cursor, conversationsLoaded } = this.store.getState();
      if (this.only !== undefined) {
        const conversation = await conversationsApi.get(this.only);
        if (!conversationsLoaded) this.store.dispatch({ type: "conversations/loaded", items: [conversation] });
        this.store.dispatch({ type: "sync/applied", cursor, conversations: [conversation], removed: [] });
      } else if (!conversationsLoaded) {
        // First load: the full list, then the sync cursor from which later catch-ups start.
        const { items } = await conversationsApi.list();
        this.store.dispatch({ type: "conversations/loaded", items });
      }
      if (this.only === undefined) {
        const sync = await conversationsApi.sync(cursor);
        this.store.dispatch({ type: "sync/applied", cursor: sync.cursor, conversations: sync.conversations, removed: sync.removed });
      }
      const { timelines, conversations } = this.store.getState();
      for (const [key, timeline] of Object.entries(timelines)) {
        const id = Number(key);
        const conv = conversations[id];
        if (timeline.appliedSeq >= 0 && (!conv || conv.lastSeq > timeline.appliedSeq || timeline.buffer.length > 0)) await this.fillGap(id);
      }
      succeeded = true;
    } catch (error) {
      if (!(error instanceof NetworkError || (error instanceof ApiError && error.status >= 500))) throw error;
    }
    this.hooks.after(succeeded);
  }

  /** Fetch log events after what the open timeline has applied, page by page, until it reaches the head. */
  async fillGap(conversationId: number): Promise<void> {
    if (this.filling.has(conversationId)) return;
    this.filling.add(conversationId);
    try {
      for (let page = 0; page < MAX_FILL_PAGES; page++) {
        const timeline = this.store.getState().timelines[conversationId];
        if (!timeline || timeline.appliedSeq < 0) return;
        const { items } = await conversationsApi.events(conversationId, timeline.appliedSeq, EVENTS_PAGE);
        for (const event of items) this.hooks.apply(event);
        if (items.length < EVENTS_PAGE) {
          const after = this.store.getState().timelines[conversationId];
          if (!after || after.buffer.length === 0 || after.appliedSeq === timeline.appliedSeq) return;
        }
      }
    } finally {
      this.filling.delete(conversationId);
    }
  }
}
