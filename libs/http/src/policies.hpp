#pragma once
// Small pure rules the server applies to every request, each tested as a table.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "portal/http/message.hpp"
#include "portal/http/server.hpp"

namespace portal::http::policy {

// The media type a response goes out with: an explicit Content-Type header (a proxied answer, a PDF)
// wins over the content_type field.
const std::string& effective_content_type(const Response& res);

// GW-3: a client's X-Request-Id is kept only when it is short and plain (≤64 of [A-Za-z0-9._-]), so it
// cannot inject into logs or headers; otherwise we assign one.
bool is_sane_request_id(std::string_view id);
// 16 random bytes as 32 lowercase hex digits.
std::string generate_request_id();

// bearer_token(authorization) is declared in portal/http/message.hpp (the gateway uses it too).

// HTTP/1.1 keeps the connection unless the client says close; HTTP/1.0 only with keep-alive.
bool keep_connection(bool http11, std::optional<std::string_view> connection_header);

// application/json, optionally with parameters ("application/json; charset=utf-8").
bool is_json_media_type(std::string_view content_type);

// The body limit for a request: the first of limits whose method matches and whose path_prefix is the
// path or a parent of it ("/a/b" covers "/a/b" and "/a/b/c", not "/a/bc"), else fallback.
std::size_t body_limit(const std::vector<BodyLimit>& limits, std::size_t fallback, Method method,
                       std::string_view path);

// A Vary header value: the tokens of `existing` (a handler's or an upstream's) followed by those of `add`
// not already in it (case-insensitive); "*" stays alone.
std::string merge_vary(std::string_view existing, const std::vector<std::string_view>& add);

// GW-5: headers added to every response, errors and 304 included.
const std::vector<std::pair<std::string_view, std::string_view>>& security_headers();
// The Content-Security-Policy for a request path: the first of `policies` whose prefix is the path or a
// parent of it on a segment boundary, else the strict default of security_headers().
std::string_view content_security_policy(const std::vector<PathSecurityPolicy>& policies,
                                         std::string_view path);

}  // namespace portal::http::policy
