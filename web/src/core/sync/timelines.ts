// What the user reads: opening a conversation (latest page, then the log up to its head), older pages, threads,
// and the read position.
import { conversationsApi, messagesApi } from "../../api/endpoints";
import type { HubClient } from "../../api/hub";
import type { Store } from "../store";
import { PAGE_SIZE } from "./pageSize";
import type { People } from "./people";

export { PAGE_SIZE };

export class Timelines {
  constructor(
    private readonly store: Store,
    private readonly hub: Pick<HubClient, "isConnected" | "markRead">,
    private readonly people: People,
    private readonly fillGap: (conversationId: number) => Promise<void>,
  ) {}

  private readonly opening = new Map<number, Promise<void>>();

  /**
   * Loads the latest page once, however many callers ask at the same time (the view asks at once, from the URL, and
   * again when the conversation list has arrived: issue 22 had the page wait for the list).
   */
  openConversation(id: number): Promise<void> {
    const running = this.opening.get(id);
    if (running) return running;
    const open = this.open(id).finally(() => this.opening.delete(id));
    this.opening.set(id, open);
    return open;
  }

  private async open(id: number): Promise<void> {
    const timeline = this.store.getState().timelines[id];
    if (!timeline || timeline.appliedSeq < 0) {
      // The head as read before the page: the page reflects at least everything up to it (see initTimeline). The
      // server reads it first and returns it with the page; a summary already in the store is such a reading too.
      const page = await messagesApi.page(id, { limit: PAGE_SIZE });
      const { items } = page;
      const headSeq = this.store.getState().conversations[id]?.lastSeq ?? page.headSeq;
      this.people.ensureUsers(items.map((m) => m.senderId));
      this.store.dispatch({ type: "timeline/latest", conversationId: id, messages: items, hasOlder: items.length >= PAGE_SIZE, headSeq });
    }
    await this.fillGap(id);
    this.markRead(id);
    void this.people.loadMembers(id);
  }

  async loadOlder(id: number): Promise<void> {
    const timeline = this.store.getState().timelines[id];
    const oldest = timeline?.messages[0];
    if (!timeline || !timeline.hasOlder || !oldest) return;
    const { items } = await messagesApi.page(id, { beforeSeq: oldest.seq, limit: PAGE_SIZE });
    this.people.ensureUsers(items.map((m) => m.senderId));
    this.store.dispatch({ type: "timeline/older", conversationId: id, messages: items, hasOlder: items.length >= PAGE_SIZE });
  }

  /** Load history until `seq` is in the timeline (search results jump here); bounded so a huge channel can't stall. */
  async loadUntil(id: number, seq: number, maxPages = 40): Promise<boolean> {
    await this.openConversation(id);
    for (let page = 0; page < maxPages; page++) {
      const timeline = this.store.getState().timelines[id];
      if (!timeline) return false;
      if (timeline.messages.some((m) => m.seq <= seq)) return true;
      if (!timeline.hasOlder) return false;
      await this.loadOlder(id);
    }
    return false;
  }

  async loadThread(conversationId: number, rootId: number): Promise<void> {
    const { items } = await messagesApi.page(conversationId, { threadRootId: rootId, limit: 200 });
    this.people.ensureUsers(items.map((m) => m.senderId));
    this.store.dispatch({ type: "timeline/merge", conversationId, messages: items });
  }

  /** Only while the tab is visible: a message that arrived in a background tab stays unread. */
  markRead(id: number): void {
    const state = this.store.getState();
    const conv = state.conversations[id];
    if (!conv || !state.visible || conv.lastSeq <= conv.readSeq) return;
    const seq = conv.lastSeq;
    this.store.dispatch({ type: "conversation/read", id, seq });
    const viaRest = () => conversationsApi.markRead(id, seq).catch(() => undefined);
    if (this.hub.isConnected) this.hub.markRead(id, seq).catch(viaRest);
    else void viaRest();
  }
}
