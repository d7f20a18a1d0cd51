#!/usr/bin/python3
"""Checks HTTP responses against api/openapi.yaml with an independent JSON Schema validator (issue 10).

Started once per test binary by tests/support/schema_validator.cpp and fed over a pipe, so a whole e2e
run pays one Python start-up. Deliberately not the project's code: PyYAML reads the document and
Debian's python3-jsonschema (Draft 2020-12, the dialect of OpenAPI 3.1) validates the bodies, with
every `$ref` resolved against the whole document.

Protocol: one JSON object per line on stdin,
  {"method": "GET", "path": "/api/v1/me?x=1", "status": 200, "content_type": "...", "body": "...",
   "body_size": 123}
(`body` only for JSON answers: PDFs are not text; `body_size` for every answer)
and one JSON object per line on stdout: {"ok": true} or {"ok": false, "error": "why"}.
A first line {"ready": true} (or {"ready": false, "error": ...}) says whether the document loaded.

What is checked, for the operation the path and method fall under:
  - the status is documented (exactly, as a range like 4XX, as default, or in the root's
    x-gateway-responses, which answer the Problem schema);
  - the Content-Type (without parameters) is one the response declares; a response declared without
    content has an empty body;
  - a JSON body (application/json, application/*+json) is valid against the declared schema.
HEAD answers and OPTIONS (CORS preflights, answered by the gateway for every route) are checked for
their status only where an operation exists; their bodies are empty by definition.
"""
import json
import sys

try:
    import yaml
    import jsonschema
    from jsonschema import Draft202012Validator, RefResolver
except ImportError as e:  # reported to the harness, which fails the test with this text
    print(json.dumps({"ready": False, "error": "missing Python module (Debian python3-jsonschema, "
                      "python3-yaml): %s" % e}), flush=True)
    sys.exit(1)

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def split_path(path):
    return [s for s in path.split("?", 1)[0].split("/") if s]


def is_parameter(segment):
    return len(segment) >= 2 and segment[0] == "{" and segment[-1] == "}"


def media_type(value):
    return (value or "").split(";", 1)[0].strip().lower()


def is_json(mt):
    return mt == "application/json" or (mt.startswith("application/") and mt.endswith("+json"))


class Contract:
    def __init__(self, document):
        self.doc = document
        self.resolver = RefResolver(base_uri="", referrer=document)
        self.gateway_responses = {str(c).upper() for c in document.get("x-gateway-responses", [])}
        self.paths = []
        for template, item in (document.get("paths") or {}).items():
            self.paths.append((template, split_path(template), item))
        self.validators = {}
        self.verdicts = {}  # (schema, body) -> error list: polling tests repeat the same answers
        self.seen = set()  # (METHOD, template) answered at least once, for the coverage line at exit

    def find(self, path):
        # Literal segments win over parameters ("/affiliates/search" over "/affiliates/{id}").
        segments = split_path(path)
        best, best_literals = None, -1
        for template, tsegments, item in self.paths:
            if len(tsegments) != len(segments):
                continue
            literals, match = 0, True
            for t, s in zip(tsegments, segments):
                if is_parameter(t):
                    continue
                if t == s:
                    literals += 1
                else:
                    match = False
                    break
            if match and literals > best_literals:
                best, best_literals = (template, item), literals
        return best

    def coverage(self):
        operations = {(m.upper(), t) for t, _, item in self.paths for m in item if m in METHODS}
        never = sorted(operations - self.seen)
        return "openapi_validator: %d of %d operations answered at least once; never: %s" % (
            len(operations & self.seen), len(operations), ", ".join("%s %s" % o for o in never) or "none")

    def deref(self, node):
        while isinstance(node, dict) and "$ref" in node:
            _, node = self.resolver.resolve(node["$ref"])
        return node

    def validator(self, schema):
        key = json.dumps(schema, sort_keys=True)
        v = self.validators.get(key)
        if v is None:
            Draft202012Validator.check_schema(schema)
            v = Draft202012Validator(schema, resolver=self.resolver)
            self.validators[key] = v
        return v

    def response_for(self, operation, status):
        responses = operation.get("responses") or {}
        code = str(status)
        for key in (code, code[0] + "XX", code[0] + "xx", "default"):
            if key in responses:
                return self.deref(responses[key]), key
        if code in self.gateway_responses or code[0] + "XX" in self.gateway_responses:
            # The gateway may answer these on any proxied operation: a problem+json Problem.
            return {"content": {"application/problem+json": {
                "schema": {"$ref": "#/components/schemas/Problem"}}}}, "x-gateway-responses"
        return None, None

    def check(self, method, path, status, content_type, body, body_size):
        method = method.lower()
        found = self.find(path)
        where = "%s %s -> %s" % (method.upper(), path, status)
        if found is None:
            return "undocumented path: " + where
        template, item = found
        if method == "options":
            return None
        operation = item.get("get" if method == "head" else method)
        if not isinstance(operation, dict):
            return "undocumented operation: %s %s" % (method.upper(), template)
        self.seen.add((method.upper(), template))
        response, key = self.response_for(operation, status)
        if response is None:
            return "undocumented status %s for %s %s (documented: %s)" % (
                status, method.upper(), template, ", ".join(sorted(map(str, operation.get("responses", {})))))
        if method == "head" or status in (204, 304):
            return None if not body_size else "%s: a %s answer must have no body" % (where, status)
        content = response.get("content") or {}
        if not content:
            return None if not body_size else "%s: response %s declares no content but a body came" % (where, key)
        mt = media_type(content_type)
        declared = {media_type(k): v for k, v in content.items()}
        entry = declared.get(mt)
        if entry is None:
            return "%s: Content-Type %r is not among the declared %s (response %s of %s %s)" % (
                where, content_type, sorted(declared), key, method.upper(), template)
        schema = (entry or {}).get("schema")
        if schema is None or not is_json(mt):
            return None
        try:
            instance = json.loads(body)
        except ValueError as e:
            return "%s: body is not JSON (%s): %r" % (where, e, body[:200])
        validator = self.validator(schema)
        memo = (id(validator), body)
        lines = self.verdicts.get(memo)
        if lines is None:
            errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
            lines = ["  at /%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300])
                     for e in errors[:5]]
            if len(self.verdicts) > 4096:
                self.verdicts.clear()
            self.verdicts[memo] = lines
        if not lines:
            return None
        return "%s: body breaks the schema of response %s of %s %s:\n%s" % (
            where, key, method.upper(), template, "\n".join(lines))


def main():
    if len(sys.argv) != 2:
        print(json.dumps({"ready": False, "error": "usage: openapi_validator.py <openapi.yaml>"}), flush=True)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            contract = Contract(yaml.load(f, Loader=loader))
    except Exception as e:  # the harness shows this and fails
        print(json.dumps({"ready": False, "error": "cannot load %s: %s" % (sys.argv[1], e)}), flush=True)
        return 1
    print(json.dumps({"ready": True, "jsonschema": getattr(jsonschema, "__file__", "")}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            body = r.get("body", "")
            why = contract.check(r["method"], r["path"], int(r["status"]), r.get("content_type", ""), body,
                                 int(r.get("body_size", len(body))))
        except Exception as e:  # a bug here must fail the test, not hang it
            why = "validator error: %r" % (e,)
        print(json.dumps({"ok": why is None} if why is None else {"ok": False, "error": why}), flush=True)
    if contract.seen:
        print(contract.coverage(), file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
