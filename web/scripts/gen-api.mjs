// Wire types generated from the server's OpenAPI document (src/api/openapi.json, kept equal to the served
// /openapi/v1.json by the server's OpenApiTests) into src/api/schema.gen.ts, before type-checking, tests and builds.
// Writes only when the output changes, so an unchanged API does not trigger the server build's web rebuild.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS from "openapi-typescript";

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), "../src/api");
const input = resolve(apiDir, "openapi.json");
const output = resolve(apiDir, "schema.gen.ts");

/**
 * ASP.NET documents every integer as `["integer", "string"]` with a digits pattern, because its JSON options accept
 * numbers written as strings on input. The server always writes numbers, so on the client they are numbers.
 */
function numbersAsNumbers(schema) {
  const types = Array.isArray(schema.type) ? schema.type : null;
  if (!types || !types.includes("integer") || !types.includes("string") || !schema.pattern) return undefined;
  return types.includes("null") ? "number | null" : "number";
}

const document = JSON.parse(readFileSync(input, "utf8"));
const source = await openapiTS(document, { transform: numbersAsNumbers, silent: true });
const text = source.replace(/[ \t]+$/gm, "");
if (!existsSync(output) || readFileSync(output, "utf8") !== text) writeFileSync(output, text);
