// The web client's core, as features see it. Import from here ("../../core"), never from core's own files.
export { Core, type CoreOptions } from "./core";
export { ConfigProvider, CoreProvider, useChat, useConfig, useConfigValue, useCore } from "./CoreProvider";
export { ConfigSource, defaultConfig, type ClientConfig } from "./config";
export { EventRegistry, type EventContext, type EventHandler } from "./events";
export type { Store } from "./store";
export type { SendOptions } from "./sync/outbox";
export { typingUsers, type ChatState } from "./state/chatState";
export { mentionsMe, sortByActivity } from "./state/conversationList";
export { newClientMsgId, type PendingMessage } from "./state/pendingQueue";
