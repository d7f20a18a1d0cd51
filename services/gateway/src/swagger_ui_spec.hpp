#pragma once
// Issue 20: the browsable API reference (/docs) is Swagger UI 3.28, the one Debian 12 ships
// (python3-flasgger), which reads OpenAPI 3.0 only; api/openapi.yaml is OpenAPI 3.1. This renders the
// contract as the OpenAPI 3.0.3 JSON that Swagger UI reads, with the same operations and schemas
// (docs/api-reference.md lists what changes and why). Pure: text in, text out.
#include <string>
#include <string_view>

namespace portal::gateway {

// The OpenAPI 3.1 YAML document as OpenAPI 3.0.3 JSON:
// - `openapi: 3.0.3`; `servers` is the gateway that serves the page ("/"), so "Try it out" calls the same
//   origin whatever host name the browser used; `jsonSchemaDialect`, `webhooks`, `info.summary` and
//   `info.license.identifier` (3.1 only) are dropped;
// - in schemas: `type: [T, 'null']` → `type: T` + `nullable: true` (several non-null types → `anyOf` of
//   each); a `{type: 'null'}` alternative of `oneOf`/`anyOf` → `nullable: true` (a single remaining `$ref`
//   becomes `allOf: [$ref]`, a single inline alternative is merged); `const: v` → `enum: [v]`; numeric
//   `exclusiveMinimum`/`exclusiveMaximum` → `minimum`/`maximum` with the 3.0 boolean; an `examples` array →
//   `example` (its first value); `propertyNames` is dropped (no 3.0 equivalent).
// YAML scalars are typed by the YAML 1.2 core schema (plain `1` is a number, quoted `'1'` a string).
// Throws std::runtime_error when the text is not a YAML mapping.
std::string openapi_for_swagger_ui(std::string_view openapi_yaml);

}  // namespace portal::gateway
