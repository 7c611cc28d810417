// The client's hand-written wire types and endpoint paths against the server's OpenAPI document: every DTO the
// client declares has exactly the server's fields, and every path it calls exists with that method.
// (Until the types are generated from /openapi/v1.json, this is what keeps them from drifting.)
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/api");
/** Client interface name → server schema name, where they differ. */
const renamed = { SearchResponseDto: "SearchResponse" };

function clientInterfaces() {
  const source = readFileSync(resolve(apiDir, "types.ts"), "utf8");
  const interfaces = {};
  for (const match of source.matchAll(/export interface (\w+)(?:<\w+>)? \{([^}]*)\}/g)) {
    interfaces[match[1]] = [...match[2].matchAll(/^\s*(\w+)\??:/gm)].map((m) => m[1]).sort();
  }
  return interfaces;
}

function clientCalls() {
  const source = readFileSync(resolve(apiDir, "endpoints.ts"), "utf8");
  return [...source.matchAll(/request<[^(]*>\("(GET|POST|PUT|PATCH|DELETE)", [`"]([^`"]+)[`"]/g)].map((m) => ({
    method: m[1].toLowerCase(),
    path: `/api/v1${m[2].replace(/\$\{[^}]+\}/g, "{}")}`,
  }));
}

export async function run(ctx) {
  const document = await (await fetch(`${ctx.server.url}/openapi/v1.json`)).json();
  const schemas = document.components?.schemas ?? {};
  const problems = [];

  let compared = 0;
  for (const [name, fields] of Object.entries(clientInterfaces())) {
    const schema = schemas[renamed[name] ?? name];
    if (!schema) continue;
    compared += 1;
    const serverFields = Object.keys(schema.properties ?? {}).sort();
    const missing = serverFields.filter((f) => !fields.includes(f));
    const extra = fields.filter((f) => !serverFields.includes(f));
    if (missing.length || extra.length) problems.push(`${name}: client lacks [${missing}] and has extra [${extra}]`);
  }
  if (compared < 10) problems.push(`only ${compared} client types matched server schemas; expected the DTOs to line up by name`);

  const serverPaths = Object.entries(document.paths ?? {}).map(([path, ops]) => ({ pattern: path.replace(/\{[^}]+\}/g, "{}"), methods: Object.keys(ops) }));
  for (const call of clientCalls()) {
    const found = serverPaths.find((p) => p.pattern === call.path);
    if (!found) problems.push(`no server path for ${call.method.toUpperCase()} ${call.path}`);
    else if (!found.methods.includes(call.method)) problems.push(`${call.path} has no ${call.method.toUpperCase()} (has ${found.methods})`);
  }
  if (problems.length) throw new Error(`client and OpenAPI disagree:\n      ${problems.join("\n      ")}`);
}
