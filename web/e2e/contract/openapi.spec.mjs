// The client's wire types against the running server. The types are generated at build time from the snapshot
// src/api/openapi.json (scripts/gen-api.mjs); this checks that the snapshot is the document this server serves
// (the server's OpenApiTests keep the same guard), that types.ts takes the DTOs from it rather than copying them,
// and that every path the client calls exists with that method.
import { isDeepStrictEqual } from "node:util";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/api");

function withoutServers(document) {
  const { servers: _servers, ...rest } = document;
  return rest;
}

/** Paths where the snapshot and the live document differ (first few), for a readable failure. */
function differences(a, b, path = "", out = []) {
  if (out.length >= 5 || isDeepStrictEqual(a, b)) return out;
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[key], b[key], `${path}/${key}`, out);
  } else out.push(path || "/");
  return out;
}

function clientCalls() {
  const source = readFileSync(resolve(apiDir, "endpoints.ts"), "utf8");
  return [...source.matchAll(/request<[^(]*>\("(GET|POST|PUT|PATCH|DELETE)", [`"]([^`"]+)[`"]/g)].map((m) => ({
    method: m[1].toLowerCase(),
    path: `/api/v1${m[2].replace(/\$\{[^}]+\}/g, "{}")}`,
  }));
}

export async function run(ctx) {
  const live = await (await fetch(`${ctx.server.url}/openapi/v1.json`)).json();
  const snapshot = JSON.parse(readFileSync(resolve(apiDir, "openapi.json"), "utf8"));
  const problems = [];

  if (!isDeepStrictEqual(withoutServers(live), withoutServers(snapshot)))
    problems.push(`src/api/openapi.json is not the served document (differs at ${differences(withoutServers(snapshot), withoutServers(live))}); update it with the server's OpenApiTests (PARLEY_UPDATE_OPENAPI=1)`);

  const types = readFileSync(resolve(apiDir, "types.ts"), "utf8");
  const generated = [...types.matchAll(/Schemas\["(\w+)"\]/g)].map((m) => m[1]);
  const schemas = live.components?.schemas ?? {};
  for (const name of generated) if (!schemas[name]) problems.push(`types.ts uses schema ${name}, which the server does not document`);
  if (new Set(generated).size < 10) problems.push(`types.ts takes only ${new Set(generated).size} DTOs from the generated schema; expected the wire DTOs to come from it`);
  const copied = [...types.matchAll(/export interface (\w+Dto)\b/g)].map((m) => m[1]);
  if (copied.length) problems.push(`types.ts hand-copies ${copied}; alias the generated schema instead`);

  const serverPaths = Object.entries(live.paths ?? {}).map(([path, ops]) => ({ pattern: path.replace(/\{[^}]+\}/g, "{}"), methods: Object.keys(ops) }));
  for (const call of clientCalls()) {
    const found = serverPaths.find((p) => p.pattern === call.path);
    if (!found) problems.push(`no server path for ${call.method.toUpperCase()} ${call.path}`);
    else if (!found.methods.includes(call.method)) problems.push(`${call.path} has no ${call.method.toUpperCase()} (has ${found.methods})`);
  }
  if (problems.length) throw new Error(`client and OpenAPI disagree:\n      ${problems.join("\n      ")}`);
}
