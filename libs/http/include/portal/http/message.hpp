#pragma once
// Transport-neutral request and response as handlers see them.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "portal/core/errors.hpp"
#include "portal/security/principal.hpp"

namespace portal::http {

enum class Method { get, head, post, put, patch, del, options };
std::string_view to_string(Method m);
std::optional<Method> method_from_string(std::string_view s);

// Header names compared case-insensitively.
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

struct Request {
  Method method = Method::get;
  std::string path;   // raw path without query
  std::string route;  // the matched template, e.g. "/api/v1/users/:id" (for metrics and logs)
  std::map<std::string, std::string, std::less<>> params;      // path parameters
  std::multimap<std::string, std::string, std::less<>> query;  // decoded query string
  Headers headers;
  std::string body;
  std::string raw_query;   // as received, without '?'
  std::string request_id;  // X-Request-Id (propagated or assigned)
  std::string client_ip;
  core::Lang lang = core::Lang::es;
  std::optional<security::Principal> principal;  // set when a valid bearer token was presented
  std::string bearer_token;                      // the raw token (to forward on behalf of the user)

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  std::optional<std::string> param(std::string_view name) const;
};

// Sends one piece of a streamed answer at once; false once the client has gone.
using StreamWrite = std::function<bool(std::string_view chunk)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  Headers headers;
  std::string body;
  // A body produced while it is sent (issue 15: Server-Sent Events). When set, `body` is ignored: the
  // server sends the head (chunked to HTTP/1.1 clients, close-delimited to HTTP/1.0 ones), then calls
  // stream(write) on the thread that answers, which returns when the answer is complete or write reported
  // the client gone (or not reading for 10 s); the connection then closes. Only for Work::blocking routes:
  // it holds its worker for as long as it runs.
  std::function<void(const StreamWrite& write)> stream;

  static Response json(int status, std::string body);
  static Response no_content();
  Response& with_header(std::string name, std::string value);
  // Says the answer was written for `lang` (Content-Language); the server then adds Accept-Language to
  // Vary, so a cache keeps one copy per language (issue 10).
  Response& with_language(core::Lang lang);
};

namespace policy {
// "Bearer <token>" (scheme case-insensitive) → token; nullopt for anything else.
std::optional<std::string_view> bearer_token(std::string_view authorization);
}  // namespace policy

}  // namespace portal::http
