// The one place that knows every feature which reacts to events: each registers its own handlers (its events.ts);
// core only applies events to the shared state and calls whatever was registered.
import { EventRegistry } from "../core";
import { registerMemberEvents } from "../features/members/events";
import { registerMessageEvents } from "../features/messages/events";
import { registerNotificationEvents, type NotificationTexts } from "../features/notifications/events";
import { registerUrgentEvents } from "../features/urgent/events";
import { registerScheduledEvents } from "../features/scheduled/events";
import { registerSavedEvents } from "../features/saved/events";
import { registerPollEvents } from "../features/polls/events";
import { registerCardEvents } from "../features/cards/events";
import { registerCallEvents } from "../features/calls/events";
import { registerServiceEvents } from "../features/service/events";

export function featureEvents(texts: NotificationTexts): EventRegistry {
  const events = new EventRegistry();
  registerNotificationEvents(events, texts);
  registerMessageEvents(events);
  registerMemberEvents(events);
  registerUrgentEvents(events);
  registerScheduledEvents(events);
  registerSavedEvents(events);
  registerPollEvents(events);
  registerCardEvents(events);
  registerCallEvents(events);
  registerServiceEvents(events);
  return events;
}
