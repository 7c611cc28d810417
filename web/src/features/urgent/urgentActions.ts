// Urgent messages (DING / 加急): the calls the banner, the composer picker and the message marker make.
import { request } from "../../api/http";
import type { ListResponse, PendingUrgentDto, UrgentStateDto } from "../../api/types";

export const urgentApi = {
  pending: () => request<ListResponse<PendingUrgentDto>>("GET", "/urgent/pending"),
  state: (messageId: number) => request<UrgentStateDto>("GET", `/messages/${messageId}/urgent`),
  mark: (messageId: number, userIds: number[]) => request<UrgentStateDto>("POST", `/messages/${messageId}/urgent`, { body: { userIds } }),
  acknowledge: (messageId: number) => request<UrgentStateDto>("POST", `/messages/${messageId}/urgent/ack`),
};
