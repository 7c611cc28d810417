// One signed-in session's client core: the store, the hub connection and the sync modules around them
// (catch-up, timelines, outbox, people). Features reach it through React context (useCore), never a global.
// The order of start-up and each event's path: hub event → apply to the store (seq order, state/timeline.ts)
// → core's own follow-ups (unknown conversation, gap, sender) → the handlers features registered (events.ts).
import { conversationsApi } from "../api/endpoints";
import { HubClient } from "../api/hub";
import { FirstScreen } from "./firstScreen";
import type { EventDto, MessageDto, UserDto } from "../api/types";
import type { ConfigSource } from "./config";
import type { EventRegistry } from "./events";
import { Store } from "./store";
import { CatchUp } from "./sync/catchUp";
import { Outbox } from "./sync/outbox";
import { People } from "./sync/people";
import { Timelines } from "./sync/timelines";

export interface CoreOptions {
  user: UserDto;
  token: () => string | null;
  events: EventRegistry;
  config: ConfigSource;
  /** An embedded session limited to one conversation (features/embed): catch-up reads only that one. */
  only?: number;
}

export class Core {
  readonly store = new Store();
  readonly hub: HubClient;
  readonly people: People;
  readonly outbox: Outbox;
  readonly timelines: Timelines;
  readonly catchUp: CatchUp;
  readonly config: ConfigSource;
  private readonly events: EventRegistry;
  private readonly token: () => string | null;
  private started = false;
  /** Work that waits for the first screen (firstScreen.ts): the hub connection here, features' secondary loads. */
  readonly firstScreen = new FirstScreen();

  /** Creates nothing outside itself (React may construct one and drop it); start() connects. */
  constructor(options: CoreOptions) {
    this.events = options.events;
    this.config = options.config;
    this.token = options.token;
    this.store.dispatch({ type: "me", user: options.user });
    this.hub = new HubClient({
      onEvent: (event) => this.onEvent(event),
      onStatus: (status) => this.store.dispatch({ type: "connection", status }),
      onConnected: () => {
        if (!this.config.isComplete) void this.config.load();
        void this.catchUp.run();
      },
    });
    this.people = new People(this.store, this.hub);
    this.outbox = new Outbox(this.store);
    this.catchUp = new CatchUp(this.store, options.only, {
      apply: (event) => this.applyEvent(event, false),
      after: (succeeded) => {
        if (succeeded) this.people.watchPresence();
        void this.outbox.flush();
      },
    });
    this.timelines = new Timelines(this.store, this.hub, this.people, (id) => this.catchUp.fillGap(id));
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.outbox.start();
    if (!this.config.isComplete) void this.config.load(); // joins a request already on its way (ConfigSource.load)
    void this.catchUp.run();
    // Catch-up over REST loads the first screen; the hub (live events, then a catch-up of what it missed) follows.
    this.firstScreen.then(() => {
      if (this.started) this.hub.start(this.token);
    });
    window.addEventListener("online", this.onOnline);
  }

  async stop(): Promise<void> {
    if (typeof window !== "undefined") window.removeEventListener("online", this.onOnline);
    this.outbox.stop();
    this.started = false;
    await this.hub.stop();
  }

  private onOnline = (): void => {
    this.hub.retryNow();
    void this.outbox.flush();
  };

  private onEvent(event: EventDto): void {
    // Cluster mode: the server's node lost its link to the others for a while and may have missed events for us.
    if (event.type === "resync") {
      void this.catchUp.run();
      return;
    }
    this.applyEvent(event, true);
  }

  private applyEvent(event: EventDto, live: boolean): void {
    const before = this.store.getState();
    const known = before.conversations[event.conversationId];
    this.store.dispatch({ type: "event", event, now: Date.now() });
    const after = this.store.getState();
    if (event.seq !== null && !known && !event.type.startsWith("member.left")) {
      // A conversation I was just added to: fetch its summary.
      void this.refreshConversation(event.conversationId);
    }
    if (live && after.timelines[event.conversationId]?.buffer.length) void this.catchUp.fillGap(event.conversationId);
    if (event.type === "message.created") this.people.ensureUsers([(event.data as MessageDto).senderId]);
    this.events.handle(event, { core: this, live, before, after });
  }

  async refreshConversation(id: number): Promise<void> {
    try {
      const conversation = await conversationsApi.get(id);
      this.store.dispatch({ type: "conversation/upsert", conversation });
    } catch {
      // Not visible to me (removed meanwhile): the next sync settles it.
    }
  }
}
