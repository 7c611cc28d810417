// Customer service (docs/customer-service.md): the admin console's widgets and queues, the agent workspace, and the
// visitor page's calls with its guest token. Paths are plain template strings (contract/openapi.spec.mjs reads them).
import { request } from "./http";
import type {
  ListResponse,
  PublicServiceWidgetDto,
  SaveServiceWidgetRequest,
  ServiceCannedReplyDto,
  ServiceConversationDto,
  ServiceHandoffDto,
  ServiceNoteDto,
  ServiceQueueDto,
  ServiceRouting,
  ServiceState,
  ServiceStatsDto,
  ServiceWidgetDto,
  VisitorSessionDto,
  VisitorSessionRequest,
  VisitorStateDto,
} from "./types";

export const serviceApi = {
  widgets: () => request<ListResponse<ServiceWidgetDto>>("GET", "/service/widgets"),
  createWidget: (body: SaveServiceWidgetRequest & { name: string }) => request<ServiceWidgetDto>("POST", "/service/widgets", { body }),
  /** PATCH: the fields given change (an empty string clears an optional text; an empty list clears origins or skills). */
  updateWidget: (id: number, body: SaveServiceWidgetRequest) => request<ServiceWidgetDto>("PATCH", `/service/widgets/${id}`, { body }),
  deleteWidget: (id: number) => request<void>("DELETE", `/service/widgets/${id}`),
  queues: () => request<ListResponse<ServiceQueueDto>>("GET", "/service/queues"),
  createQueue: (name: string, routing: ServiceRouting) => request<ServiceQueueDto>("POST", "/service/queues", { body: { name, routing } }),
  /** Skills left out keep the agent's current ones; an empty list clears them. */
  setAgent: (queueId: number, userId: number, capacity: number, skills?: readonly string[]) =>
    request<ServiceQueueDto>("PUT", `/service/queues/${queueId}/agents/${userId}`, { body: { capacity, skills } }),
  removeAgent: (queueId: number, userId: number) => request<void>("DELETE", `/service/queues/${queueId}/agents/${userId}`),
  conversations: (state: Exclude<ServiceState, "bot">, mine: boolean) =>
    request<ListResponse<ServiceConversationDto>>("GET", "/service/conversations", { query: { state, mine: String(mine) } }),
  conversation: (id: number) => request<ServiceConversationDto>("GET", `/service/conversations/${id}`),
  accept: (id: number) => request<ServiceConversationDto>("POST", `/service/conversations/${id}/accept`),
  transfer: (id: number, to: { toUserId: number } | { toQueueId: number }) =>
    request<ServiceConversationDto>("POST", `/service/conversations/${id}/transfer`, { body: to }),
  close: (id: number, summary: string | null) => request<ServiceConversationDto>("POST", `/service/conversations/${id}/close`, { body: { summary } }),
  notes: (id: number) => request<ListResponse<ServiceNoteDto>>("GET", `/service/conversations/${id}/notes`),
  addNote: (id: number, text: string) => request<unknown>("POST", `/service/conversations/${id}/notes`, { body: { text } }),
  stats: () => request<ServiceStatsDto>("GET", "/service/stats"),
  cannedReplies: () => request<ListResponse<ServiceCannedReplyDto>>("GET", "/service/canned-replies"),
  addCannedReply: (shortcut: string, text: string) => request<ServiceCannedReplyDto>("POST", "/service/canned-replies", { body: { shortcut, text } }),
  deleteCannedReply: (id: number) => request<void>("DELETE", `/service/canned-replies/${id}`),
};

/** The visitor page (no sign-in; after the session starts, with its guest token). */
export const visitorApi = {
  widget: (id: number) => request<PublicServiceWidgetDto>("GET", `/service/widgets/${id}/public`),
  startSession: (body: VisitorSessionRequest) => request<VisitorSessionDto>("POST", "/visitor/sessions", { body }),
  state: (conversationId: number) => request<VisitorStateDto>("GET", `/service/conversations/${conversationId}/visitor-state`),
  handoff: (conversationId: number) => request<ServiceHandoffDto>("POST", `/service/conversations/${conversationId}/handoff`),
  rate: (conversationId: number, score: number, comment: string | null) =>
    request<unknown>("POST", `/service/conversations/${conversationId}/rating`, { body: { score, comment } }),
};
