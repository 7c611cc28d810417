// The calls of one signed-in session (one per Core, found through a WeakMap like the urgent banner's list): the call
// ringing here, the running calls of my conversations (the header's join button), each open conversation's recent calls
// (the call records in the message list) and this tab's own call. Kept current by the call events (events.ts) and
// reloaded after every reconnect, so a tab opened while a call rings still rings.
import type { CallDto, CallSignalData } from "../../api/types";
import type { Core } from "../../core";
import { callsApi } from "./callsApi";
import { CallSession } from "./session";

export interface CallsSnapshot {
  incoming: CallDto | null;
  running: Record<number, CallDto>;
  recent: Record<number, CallDto[]>;
  session: CallSession | null;
  expanded: boolean;
  error: string | null;
}

export class CallCenter {
  private snapshot: CallsSnapshot = { incoming: null, running: {}, recent: {}, session: null, expanded: true, error: null };
  private readonly listeners = new Set<() => void>();
  private joining = false;
  /**
   * Events of the call being joined that arrived before its session existed (someone joined, an answer or candidates
   * came back while the microphone, the join request or the first offers were still under way). They are handed to
   * the session, in arrival order, as soon as it exists; dropping them left a participant without a tile or media.
   */
  private early: { callId: number; events: Array<{ call: CallDto } | { signal: CallSignalData }> } | null = null;

  constructor(private readonly core: Core) {}

  get = (): CallsSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(change: Partial<CallsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const l of this.listeners) l();
  }

  private me(): number {
    return this.core.store.getState().me?.id ?? -1;
  }

  /** Running calls after start-up or a reconnect; one that rings me rings here too. */
  async load(): Promise<void> {
    const { items } = await callsApi.running();
    const running: Record<number, CallDto> = {};
    for (const c of items) running[c.conversationId] = c;
    const me = this.me();
    const ringing = items.find((c) => c.participants.some((p) => p.userId === me && p.state === "ringing")) ?? null;
    this.set({ running, incoming: this.snapshot.session ? this.snapshot.incoming : ringing });
  }

  async loadRecent(conversationId: number): Promise<void> {
    const { items } = await callsApi.recent(conversationId);
    this.set({ recent: { ...this.snapshot.recent, [conversationId]: items } });
  }

  /** A call changed (ring, update, start or end): the header, the list records and this tab's call follow. */
  update(call: CallDto): void {
    const known = this.snapshot.running[call.conversationId];
    if (known?.id === call.id && known.revision > call.revision) return; // an older copy that arrived late
    const running = { ...this.snapshot.running };
    if (call.endedAt === null) running[call.conversationId] = call;
    else if (running[call.conversationId]?.id === call.id) delete running[call.conversationId];
    const list = this.snapshot.recent[call.conversationId];
    const recent = list ? { ...this.snapshot.recent, [call.conversationId]: [call, ...list.filter((c) => c.id !== call.id)] } : this.snapshot.recent;
    const incoming = this.snapshot.incoming?.id === call.id && call.endedAt !== null ? null : this.snapshot.incoming;
    this.set({ running, recent, incoming });
    if (this.early?.callId === call.id) this.early.events.push({ call });
    this.snapshot.session?.onUpdated(call);
  }

  /** A logged call.started / call.ended: fetch the call (the event names it) so records and the header are current. */
  async refresh(callId: number): Promise<void> {
    this.update(await callsApi.get(callId));
  }

  ring(call: CallDto): void {
    this.update(call);
    if (this.snapshot.session?.call.id === call.id) return;
    this.set({ incoming: call });
  }

  ringStopped(callId: number): void {
    if (this.snapshot.incoming?.id === callId) this.set({ incoming: null });
  }

  signal(data: CallSignalData): void {
    if (this.early?.callId === data.callId) this.early.events.push({ signal: data });
    void this.snapshot.session?.onSignal(data).catch((e: unknown) => console.error("call signal failed", e));
  }

  /** Starts a call here, or joins the one already running (the server's 409 names it; the running list has it). */
  async start(conversationId: number, media: "audio" | "video"): Promise<void> {
    let call: CallDto;
    try {
      call = await callsApi.start(conversationId, media);
    } catch (error) {
      if ((error as { code?: string }).code !== "call_already_running") throw error;
      await this.load();
      const running = this.snapshot.running[conversationId];
      if (!running) throw error;
      call = running;
    }
    this.update(call);
    await this.join(call);
  }

  async join(call: CallDto): Promise<void> {
    if (this.joining || this.snapshot.session) return;
    this.joining = true;
    this.early = { callId: call.id, events: [] };
    try {
      const me = this.core.store.getState().me;
      const session = await CallSession.open(this.core.hub, call, me?.id ?? -1, me?.displayName ?? "");
      session.subscribe(() => {
        if (session.ended && this.snapshot.session === session) this.set({ session: null });
        else if (this.snapshot.session === session) this.set({});
      });
      const early = this.early.events;
      this.early = null;
      this.set({ session, incoming: null, expanded: true, error: null });
      for (const e of early) {
        if ("call" in e) session.onUpdated(e.call);
        else await session.onSignal(e.signal).catch((err: unknown) => console.error("call signal failed", err));
      }
    } catch (error) {
      this.early = null;
      this.set({ error: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      this.joining = false;
    }
  }

  async decline(call: CallDto): Promise<void> {
    this.set({ incoming: null });
    await callsApi.decline(call.id);
  }

  async hangUp(): Promise<void> {
    const session = this.snapshot.session;
    if (!session) return;
    this.set({ session: null });
    await session.leave();
  }

  setExpanded(expanded: boolean): void {
    this.set({ expanded });
  }

  clearError(): void {
    this.set({ error: null });
  }
}

const centers = new WeakMap<Core, CallCenter>();

export function callCenterOf(core: Core): CallCenter {
  let center = centers.get(core);
  if (!center) {
    center = new CallCenter(core);
    centers.set(core, center);
  }
  return center;
}
