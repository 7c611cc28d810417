// The admin console's widget form → the request body, and the snippet for a site (one definition: the widget's).
import type { SaveServiceWidgetRequest } from "../../../api/types";
import { parseOrigins } from "../embedding/embedAppActions";

export { widgetSnippet } from "../../../../packages/widget/src/protocol";

/** Blank fields are left out (the server picks the default queue and greeting); origins one per line or comma. */
export function widgetFormBody(data: Pick<FormData, "get">): SaveServiceWidgetRequest & { name: string } {
  const text = (name: string) => String(data.get(name) ?? "").trim();
  const body: SaveServiceWidgetRequest & { name: string } = { name: text("name"), allowedOrigins: parseOrigins(text("origins")) };
  const queue = Number(text("queueId"));
  if (Number.isInteger(queue) && queue > 0) body.queueId = queue;
  for (const key of ["color", "greeting", "greetingZh"] as const) if (text(key)) body[key] = text(key);
  return body;
}
