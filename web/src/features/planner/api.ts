// Planner endpoints. GETs go through the shared client; POST /plan reads the problem's `errors` map
// (JSON pointer → messages), which the shared client does not keep.
import { API_BASE, ApiError, NetworkError, getToken, request } from "../../api/http";
import type { FieldErrors, PlanResult, PriceCatalog, Scenario, CapacitySource } from "./types";

/** A 400 from /plan: every invalid field by JSON pointer. */
export class ScenarioInvalidError extends ApiError {
  readonly errors: FieldErrors;
  constructor(message: string, errors: FieldErrors) {
    super(400, "validation_failed", message);
    this.name = "ScenarioInvalidError";
    this.errors = errors;
  }
}

export const plannerApi = {
  samples: () => request<string[]>("GET", "/planner/samples"),
  sample: (name: string) => request<Scenario>("GET", `/planner/samples/${encodeURIComponent(name)}`),
  catalog: () => request<PriceCatalog>("GET", "/planner/catalog"),
  capacityProfile: () => request<CapacitySource>("GET", "/planner/capacity-profile"),
  plan: postPlan,
};

async function postPlan(scenario: Scenario, signal?: AbortSignal): Promise<PlanResult> {
  const headers: Record<string, string> = { Accept: "application/json", "Content-Type": "application/json" };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/planner/plan`, { method: "POST", headers, body: JSON.stringify(scenario), signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.ok) return body as PlanResult;
  const problem = (body ?? {}) as { code?: string; title?: string; detail?: string; errors?: FieldErrors };
  if (response.status === 400 && problem.errors && typeof problem.errors === "object") {
    throw new ScenarioInvalidError(problem.detail ?? problem.title ?? "invalid scenario", problem.errors);
  }
  throw new ApiError(response.status, problem.code ?? `http_${response.status}`, problem.detail ?? problem.title ?? response.statusText);
}
