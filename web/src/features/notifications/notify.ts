// Desktop notifications for direct messages and mentions while the tab is hidden.
import type { ConversationDto, MessageDto } from "../../api/types";
import { mentionsMe } from "../../core";

export function shouldNotify(conv: ConversationDto | undefined, message: MessageDto, meId: number, hidden: boolean): boolean {
  if (!conv || !hidden || conv.muted || message.senderId === meId) return false;
  if (message.recalledAt || message.deletedAt) return false;
  return conv.kind === "direct" || mentionsMe(message, meId);
}

export function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

export async function requestNotificationPermission(): Promise<NotificationPermission | "unsupported"> {
  if (!notificationsSupported()) return "unsupported";
  if (Notification.permission !== "default") return Notification.permission;
  return Notification.requestPermission();
}

export function showNotification(title: string, body: string, onClick: () => void): void {
  if (!notificationsSupported() || Notification.permission !== "granted") return;
  const notification = new Notification(title, { body: body.slice(0, 180), tag: title });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
