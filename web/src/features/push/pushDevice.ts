// This browser's Web Push subscription: subscribe with the server's VAPID key, register it with the server, and undo
// both. The service worker (public/sw.js) shows the pushes. Network calls stay here and in api/endpoints.
import { pushApi } from "../../api/endpoints";
import type { PushSubscriptionDto } from "../../api/types";

export type PushState = "unsupported" | "denied" | "off" | "on";

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** base64url → bytes, as pushManager.subscribe wants the applicationServerKey. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The service worker registration: main.tsx registers /sw.js in production builds; elsewhere this registers it. */
async function registration(): Promise<ServiceWorkerRegistration> {
  return (await navigator.serviceWorker.getRegistration()) ?? navigator.serviceWorker.register("/sw.js");
}

async function browserSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration();
  return reg ? reg.pushManager.getSubscription() : null;
}

/** This browser's registration as remembered here: its id and the user it was made for. */
const deviceKey = "parley.push.device";

function remembered(): { id: number; userId: number } | null {
  try {
    const value = JSON.parse(localStorage.getItem(deviceKey) ?? "null") as { id?: unknown; userId?: unknown } | null;
    return value && typeof value.id === "number" && typeof value.userId === "number" ? { id: value.id, userId: value.userId } : null;
  } catch {
    return null;
  }
}

/**
 * On when this browser holds a subscription registered for the signed-in user (one made for another user of this
 * browser does not count: the server pushes it to them, not to this user).
 */
export async function pushState(devices: PushSubscriptionDto[]): Promise<{ state: PushState; deviceId: number | null }> {
  if (!pushSupported()) return { state: "unsupported", deviceId: null };
  if (Notification.permission === "denied") return { state: "denied", deviceId: null };
  const subscription = await browserSubscription();
  const mine = remembered();
  const known = subscription !== null && mine !== null && devices.some((d) => d.id === mine.id);
  return { state: known ? "on" : "off", deviceId: known && mine ? mine.id : null };
}

/**
 * At the start of a session: a registration belongs to the session that made it (signing out stops its pushes), so
 * the same user signing in again on this browser registers its subscription anew. Nothing for another user.
 */
export async function resumePush(userId: number, language: string): Promise<void> {
  const mine = remembered();
  if (!mine || mine.userId !== userId || !pushSupported() || Notification.permission !== "granted") return;
  const subscription = await browserSubscription();
  if (!subscription) return;
  const device = await pushApi.register(subscription.toJSON(), language);
  localStorage.setItem(deviceKey, JSON.stringify({ id: device.id, userId }));
}

/** Asks for permission, subscribes (or reuses this browser's subscription) and registers it with the server. */
export async function enablePush(userId: number, language: string): Promise<PushSubscriptionDto> {
  if (!pushSupported()) throw new Error("unsupported");
  const permission = await Notification.requestPermission();
  if (permission !== "granted") throw new Error(permission);
  const reg = await registration();
  await navigator.serviceWorker.ready;
  const { publicKey } = await pushApi.vapidPublicKey();
  let subscription = await reg.pushManager.getSubscription();
  // A subscription made with another key (the server's keys were replaced) cannot be pushed to: make a new one.
  if (subscription && !sameKey(subscription.options.applicationServerKey, publicKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  const device = await pushApi.register(subscription.toJSON(), language);
  localStorage.setItem(deviceKey, JSON.stringify({ id: device.id, userId }));
  return device;
}

/** Unsubscribes this browser and removes its registration. */
export async function disablePush(deviceId: number | null): Promise<void> {
  const subscription = await browserSubscription();
  if (subscription) await subscription.unsubscribe();
  localStorage.removeItem(deviceKey);
  if (deviceId !== null) await pushApi.remove(deviceId);
}

function sameKey(current: ArrayBuffer | null, base64url: string): boolean {
  if (!current) return true;
  const a = new Uint8Array(current);
  const b = keyBytes(base64url);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
