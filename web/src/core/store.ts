// A minimal external store: one reducer, subscribers notified after each change, read with useSyncExternalStore
// (useChat in CoreProvider.tsx). One per signed-in session, owned by its Core.
import { chatReducer, initialChatState, type ChatAction, type ChatState } from "./state/chatState";

type Listener = () => void;

export class Store {
  private state: ChatState = initialChatState;
  private readonly listeners = new Set<Listener>();

  getState = (): ChatState => this.state;

  dispatch = (action: ChatAction): void => {
    const next = chatReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
