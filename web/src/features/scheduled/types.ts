// Wire types of scheduled send and reminders, named from the generated OpenAPI schema (api/types.ts does the same for core types).
import type { components } from "../../api/schema.gen";

type Schemas = components["schemas"];

export type ScheduledStatus = "pending" | "sending" | "sent" | "failed" | "cancelled";
export type ReminderStatus = "pending" | "due" | "deleted";
export type ScheduledAcceptedDto = Schemas["ScheduledMessageAcceptedDto"];
export type ScheduledMessageDto = Omit<Schemas["ScheduledMessageDto"], "status"> & { status: ScheduledStatus };
export type ReminderDto = Omit<Schemas["ReminderDto"], "status"> & { status: ReminderStatus };
