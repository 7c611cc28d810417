// Users, their presence and conversation members: fetched once per id, watched over the hub while shown.
import { conversationsApi, usersApi } from "../../api/endpoints";
import type { HubClient } from "../../api/hub";
import type { Store } from "../store";

export class People {
  private readonly userRequests = new Set<number>();

  constructor(
    private readonly store: Store,
    private readonly hub: Pick<HubClient, "watchPresence">,
  ) {}

  ensureUsers(ids: number[]): void {
    const { users } = this.store.getState();
    for (const id of new Set(ids)) {
      if (users[id] || this.userRequests.has(id)) continue;
      this.userRequests.add(id);
      usersApi
        .get(id)
        .then((user) => this.store.dispatch({ type: "users/loaded", users: [user] }))
        .catch(() => undefined)
        .finally(() => this.userRequests.delete(id));
    }
  }

  watchPresence(extra: number[] = []): void {
    const { conversations, me } = this.store.getState();
    const ids = new Set<number>(extra);
    for (const conv of Object.values(conversations)) for (const id of conv.directUserIds ?? []) ids.add(id);
    // Myself too: my dot in member lists should say what others see.
    if (me) ids.add(me.id);
    const list = [...ids];
    if (list.length === 0) return;
    this.ensureUsers(list);
    this.hub.watchPresence(list);
    usersApi
      .presence(list)
      .then(({ items }) => this.store.dispatch({ type: "presence", items }))
      .catch(() => undefined);
  }

  async loadMembers(id: number): Promise<void> {
    const { items } = await conversationsApi.members(id);
    this.store.dispatch({ type: "members/loaded", conversationId: id, members: items });
    this.store.dispatch({
      type: "users/loaded",
      users: items
        .filter((m) => !this.store.getState().users[m.userId])
        .map((m) => ({ id: m.userId, username: m.username, displayName: m.displayName, isAdmin: false, isActive: true, createdAt: m.joinedAt, avatarUrl: m.avatarUrl ?? null })),
    });
    this.watchPresence(items.map((m) => m.userId));
  }
}
