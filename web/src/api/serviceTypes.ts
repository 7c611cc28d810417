// Customer service wire types (issue 18), written by hand from /work/cs-contract.md until the server's OpenAPI
// document has them; then each becomes an alias of the generated schema like the rest of types.ts.
export type ServiceState = "bot" | "waiting" | "assigned" | "closed";
export type ServiceRouting = "round_robin" | "least_busy";

export interface ServiceWidgetDto {
  id: number;
  name: string;
  queueId: number;
  color: string | null;
  greeting: string | null;
  greetingZh: string | null;
  logoUrl: string | null;
  allowedOrigins: string[];
  botUserId: number;
  /** Shown once, in the answer that created the widget; null in lists. */
  identitySecret: string | null;
  createdAt: string;
}

export interface SaveServiceWidgetRequest {
  name?: string;
  queueId?: number | null;
  color?: string | null;
  greeting?: string | null;
  greetingZh?: string | null;
  logoUrl?: string | null;
  allowedOrigins?: string[];
}

export interface PublicServiceWidgetDto {
  id: number;
  name: string;
  color: string | null;
  greeting: string | null;
  greetingZh: string | null;
  logoUrl: string | null;
}

export interface ServiceAgentDto {
  userId: number;
  displayName: string;
  capacity: number;
  open: number;
  online: boolean;
}

export interface ServiceQueueDto {
  id: number;
  name: string;
  routing: ServiceRouting;
  waiting: number;
  assigned: number;
  longestWaitSeconds: number;
  agents: ServiceAgentDto[];
}

export interface ServiceVisitorDto {
  userId: number;
  name: string;
  email: string | null;
  page: string | null;
  referrer: string | null;
  userAgent: string | null;
}

export interface ServiceConversationDto {
  conversationId: number;
  widgetId: number;
  queueId: number;
  state: ServiceState;
  visitor: ServiceVisitorDto;
  agentUserId: number | null;
  offeredTo: number | null;
  createdAt: string;
  waitingSince: string | null;
  assignedAt: string | null;
  closedAt: string | null;
  summary: string | null;
  rating: number | null;
  ratingComment: string | null;
  previous: number;
}

export interface ServiceNoteDto {
  id: number;
  authorId: number;
  text: string;
  createdAt: string;
}

export interface ServiceStatsDto {
  waiting: number;
  assigned: number;
  closedToday: number;
  averageWaitSeconds: number;
  csat: { count: number; average: number | null };
}

export interface VisitorSessionRequest {
  widgetId: number;
  name?: string | null;
  email?: string | null;
  identityToken?: string | null;
  page?: string | null;
  referrer?: string | null;
}

export interface VisitorSessionDto {
  sessionId: number;
  token: string;
  conversationId: number;
  userId: number;
  state: ServiceState;
}

export interface VisitorStateDto {
  state: ServiceState;
  rated: boolean;
  agentName: string | null;
}
