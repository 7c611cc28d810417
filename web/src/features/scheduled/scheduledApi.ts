// HTTP calls of scheduled send and reminders (docs/api.md, "Scheduled messages and reminders").
import { request } from "../../api/http";
import type { ListResponse, MessageDto } from "../../api/types";
import type { ReminderDto, ScheduledAcceptedDto, ScheduledMessageDto } from "./types";

export const scheduledApi = {
  schedule: (conversationId: number, body: { text: string; clientMsgId: string; threadRootId: number | null; fileIds: number[]; sendAt: string }) =>
    request<ScheduledAcceptedDto>("POST", `/conversations/${conversationId}/messages`, { body }),
  list: () => request<ListResponse<ScheduledMessageDto>>("GET", "/scheduled-messages"),
  update: (id: number, body: { text?: string; sendAt?: string }) => request<ScheduledMessageDto>("PATCH", `/scheduled-messages/${id}`, { body }),
  remove: (id: number) => request<void>("DELETE", `/scheduled-messages/${id}`),
  sendNow: (id: number) => request<MessageDto>("POST", `/scheduled-messages/${id}/send`),
};

export const remindersApi = {
  set: (messageId: number, at: string) => request<ReminderDto>("POST", `/messages/${messageId}/reminder`, { body: { at } }),
  list: () => request<ListResponse<ReminderDto>>("GET", "/reminders"),
  remove: (id: number) => request<void>("DELETE", `/reminders/${id}`),
};
