// The admin console's widget forms → the request bodies, and the snippet for a site (one definition: the widget's).
import type { SaveServiceWidgetRequest } from "../../../api/types";
import { parseOrigins } from "../embedding/embedAppActions";
import { parseSkills } from "../../service/skills";

export { widgetSnippet } from "../../../../packages/widget/src/protocol";

type Form = Pick<FormData, "get">;
const field = (data: Form, name: string) => String(data.get(name) ?? "").trim();
const queueOf = (data: Form) => {
  const queue = Number(field(data, "queueId"));
  return Number.isInteger(queue) && queue > 0 ? queue : undefined;
};

/** Create: blank fields are left out (the server picks the default queue and greeting); origins one per line or comma. */
export function widgetFormBody(data: Form): SaveServiceWidgetRequest & { name: string } {
  const body: SaveServiceWidgetRequest & { name: string } = { name: field(data, "name"), allowedOrigins: parseOrigins(field(data, "origins")) };
  const queue = queueOf(data);
  if (queue !== undefined) body.queueId = queue;
  for (const key of ["color", "greeting", "greetingZh", "logoUrl"] as const) if (field(data, key)) body[key] = field(data, key);
  const skills = parseSkills(field(data, "skills"));
  if (skills.length > 0) body.requiredSkills = skills;
  return body;
}

/**
 * Edit (PATCH): every field is sent, so a blank greeting or logo clears it ("" — null would keep the old value), an
 * empty origins list allows any site and an empty skills list requires none.
 */
export function widgetEditBody(data: Form): SaveServiceWidgetRequest {
  const body: SaveServiceWidgetRequest = {
    name: field(data, "name"),
    color: field(data, "color"),
    greeting: field(data, "greeting"),
    greetingZh: field(data, "greetingZh"),
    logoUrl: field(data, "logoUrl"),
    allowedOrigins: parseOrigins(field(data, "origins")),
    requiredSkills: parseSkills(field(data, "skills")),
  };
  const queue = queueOf(data);
  if (queue !== undefined) body.queueId = queue;
  return body;
}
