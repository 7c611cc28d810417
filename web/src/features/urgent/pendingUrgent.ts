// The signed-in user's unacknowledged urgent messages (the banner). Loaded from GET /urgent/pending at start-up and
// after every reconnect, kept current by the user-addressed events urgent.requested (add) and urgent.acknowledged /
// urgent.cleared (drop), so every device shows and clears the banner together. One list per session's core.
import type { PendingUrgentDto } from "../../api/types";
import type { Core } from "../../core";
import { urgentApi } from "./urgentActions";

type Listener = () => void;

/** Newest first, one entry per message. */
export function addPending(list: PendingUrgentDto[], item: PendingUrgentDto): PendingUrgentDto[] {
  if (list.some((p) => p.messageId === item.messageId)) return list;
  return [item, ...list].sort((a, b) => Date.parse(b.requestedAt) - Date.parse(a.requestedAt));
}

export function dropPending(list: PendingUrgentDto[], messageId: number): PendingUrgentDto[] {
  return list.some((p) => p.messageId === messageId) ? list.filter((p) => p.messageId !== messageId) : list;
}

export class PendingUrgent {
  private items: PendingUrgentDto[] = [];
  private readonly listeners = new Set<Listener>();
  /** Messages dropped by an event while a load was in flight: the load's older answer must not bring them back. */
  private droppedDuringLoad = new Set<number>();
  private loading = 0;

  get = (): PendingUrgentDto[] => this.items;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(items: PendingUrgentDto[]): void {
    if (items === this.items) return;
    this.items = items;
    for (const l of this.listeners) l();
  }

  add(item: PendingUrgentDto): void {
    this.set(addPending(this.items, item));
  }

  drop(messageId: number): void {
    if (this.loading > 0) this.droppedDuringLoad.add(messageId);
    this.set(dropPending(this.items, messageId));
  }

  async load(): Promise<void> {
    this.loading++;
    try {
      const { items } = await urgentApi.pending();
      const dropped = this.droppedDuringLoad;
      this.set(items.filter((p) => !dropped.has(p.messageId)));
    } finally {
      if (--this.loading === 0) this.droppedDuringLoad = new Set();
    }
  }
}

const lists = new WeakMap<Core, PendingUrgent>();

export function pendingUrgentOf(core: Core): PendingUrgent {
  let list = lists.get(core);
  if (!list) {
    list = new PendingUrgent();
    lists.set(core, list);
  }
  return list;
}
