// React access to the core: the session's Core (store, sync) and the server's configuration, through context.
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import { ConfigSource, type ClientConfig } from "./config";
import type { Core } from "./core";
import type { ChatState } from "./state/chatState";

const CoreContext = createContext<Core | null>(null);
const ConfigContext = createContext<ConfigSource>(new ConfigSource());

export function CoreProvider({ core, children }: { core: Core; children: ReactNode }) {
  return <CoreContext value={core}>{children}</CoreContext>;
}

export function ConfigProvider({ config, children }: { config: ConfigSource; children: ReactNode }) {
  return <ConfigContext value={config}>{children}</ConfigContext>;
}

/** The signed-in session's core; only inside the chat screens (CoreProvider). */
export function useCore(): Core {
  const core = useContext(CoreContext);
  if (!core) throw new Error("useCore outside CoreProvider (not signed in)");
  return core;
}

/** A slice of the chat state; the component re-renders when the slice changes. */
export function useChat<T>(selector: (state: ChatState) => T): T {
  const { store } = useCore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}

/** The server's configuration (its defaults until /config answered). */
export function useConfig(): ClientConfig {
  const source = useContext(ConfigContext);
  return useSyncExternalStore(source.subscribe, source.get);
}

/**
 * One value of the configuration: the component re-renders only when that value changes, not each time /config
 * answers (every message on screen re-rendered at each answer: issue 22, start-up work).
 */
export function useConfigValue<T>(selector: (config: ClientConfig) => T): T {
  const source = useContext(ConfigContext);
  return useSyncExternalStore(source.subscribe, () => selector(source.get()));
}
