// The server's settings the client follows (GET /api/v1/config): recall window, limits, password policy, features.
// Until the server answers (or while it cannot be reached) the client uses the server's own defaults, so nothing
// waits on this request. Without a token the server sends only `auth`; the other sections keep what they had.
import { configApi } from "../api/endpoints";
import type { ClientConfigDto } from "../api/types";

type Sections = { [K in keyof ClientConfigDto]: NonNullable<ClientConfigDto[K]> };
export type ClientConfig = Sections;

/**
 * The defaults of AuthOptions, MessagesOptions and FilesOptions on the server. The blocked extensions are not
 * guessed: empty until the server names them (it refuses them either way).
 */
export const defaultConfig: ClientConfig = {
  auth: { minPasswordLength: 8 },
  messages: { recallWindowSeconds: 120, maxTextBytes: 16 * 1024, maxReactionsPerMessage: 50, mentionAllOpenUpTo: 50 },
  files: {
    maxFileSize: 2 * 1024 * 1024 * 1024,
    userQuota: 20 * 1024 * 1024 * 1024,
    chunkSize: 8 * 1024 * 1024,
    maxNameLength: 180,
    blockedExtensions: [],
    allowedExtensions: null,
  },
  features: { files: true, search: true, planner: true, watermark: false },
};

/** The sections the server sent replace ours; those it left null (anonymous caller) stay as they were. */
export function mergeConfig(current: ClientConfig, dto: ClientConfigDto): ClientConfig {
  return {
    auth: dto.auth ?? current.auth,
    messages: dto.messages ?? current.messages,
    files: dto.files ?? current.files,
    features: dto.features ?? current.features,
  };
}

type Listener = () => void;

/** One per page: the configuration is the server's, not the session's, and the first-run screen reads it too. */
export class ConfigSource {
  private config: ClientConfig;
  private complete = false;
  private readonly listeners = new Set<Listener>();

  constructor(
    initial: ClientConfig = defaultConfig,
    private readonly fetchConfig: () => Promise<ClientConfigDto> = configApi.get,
  ) {
    this.config = initial;
  }

  get = (): ClientConfig => this.config;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** True once a signed-in answer arrived (every section is the server's). */
  get isComplete(): boolean {
    return this.complete;
  }

  private loading: Promise<void> | null = null;

  /** Fetch and apply (one request at a time); a failure keeps the current values and the next call tries again. */
  load(): Promise<void> {
    this.loading ??= this.fetchConfig()
      .then((dto) => {
        if (dto.messages && dto.files && dto.features) this.complete = true;
        this.config = mergeConfig(this.config, dto);
        for (const listener of this.listeners) listener();
      })
      .catch(() => undefined)
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
