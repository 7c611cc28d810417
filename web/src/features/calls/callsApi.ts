// Calls (issue 15): the REST calls of the call feature. Signalling and heartbeats go over the hub (api/hub.ts).
import { request } from "../../api/http";
import type { CallDto, CallJoinDto, IceServersDto, ListResponse } from "../../api/types";

export const callsApi = {
  start: (conversationId: number, media: "audio" | "video") => request<CallDto>("POST", `/conversations/${conversationId}/calls`, { body: { media } }),
  recent: (conversationId: number) => request<ListResponse<CallDto>>("GET", `/conversations/${conversationId}/calls`),
  running: () => request<ListResponse<CallDto>>("GET", `/calls`),
  get: (callId: number) => request<CallDto>("GET", `/calls/${callId}`),
  join: (callId: number) => request<CallJoinDto>("POST", `/calls/${callId}/join`),
  leave: (callId: number) => request<CallDto>("POST", `/calls/${callId}/leave`),
  decline: (callId: number) => request<CallDto>("POST", `/calls/${callId}/decline`),
  iceServers: () => request<IceServersDto>("GET", `/calls/ice-servers`),
};
