// What features do when an event arrives. Core applies every event to the shared state itself (in seq order, see
// state/timeline.ts) and then calls the handlers registered for its type, so core needs to know no feature: each
// feature registers its handlers from its own folder (features/<feature>/events.ts), and the app wires them up.
import type { EventDto } from "../api/types";
import type { Core } from "./core";
import type { ChatState } from "./state/chatState";

export interface EventContext {
  core: Core;
  /** From the hub, rather than replayed by catch-up: only live events notify. */
  live: boolean;
  /** State before and after the event was applied. */
  before: ChatState;
  after: ChatState;
}

export type EventHandler = (event: EventDto, context: EventContext) => void;

export class EventRegistry {
  private readonly handlers = new Map<string, EventHandler[]>();

  /** Returns the unregistration. Handlers of one type run in registration order. */
  registerEventHandler = (type: string, handler: EventHandler): (() => void) => {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
    return () => this.handlers.set(type, (this.handlers.get(type) ?? []).filter((h) => h !== handler));
  };

  /** A handler that throws is reported and skipped: it must not stop the others, nor the sync that called it. */
  handle(event: EventDto, context: EventContext): void {
    for (const handler of this.handlers.get(event.type) ?? []) {
      try {
        handler(event, context);
      } catch (error) {
        console.error(`handler for ${event.type} failed`, error);
      }
    }
  }
}
