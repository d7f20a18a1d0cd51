#pragma once
// A plain HTTP client for end-to-end tests: no retries, no circuit breaker (what the test sends is what
// the server sees), every response returned with status, headers and body. An observer sees every
// response, so a suite can check each one against api/openapi.yaml and the security headers.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
class Client;
}

namespace portal::test {

struct HeaderNameLess {
  bool operator()(const std::string& a, const std::string& b) const;
};
using HeaderMap = std::multimap<std::string, std::string, HeaderNameLess>;

struct HttpResponse {
  int status = 0;     // 0 when no response arrived
  std::string error;  // why, when status == 0
  HeaderMap headers;
  std::string body;
  std::chrono::milliseconds elapsed{0};

  std::optional<std::string> header(const std::string& name) const;
  bool has_header(const std::string& name) const { return headers.count(name) > 0; }
  // Content-Type is application/problem+json (RFC 9457).
  bool is_problem() const;
  // Every header whose name starts with `prefix` (case-insensitive), e.g. "Access-Control-".
  std::vector<std::string> header_names_with_prefix(std::string_view prefix) const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string path;  // with query string
  HeaderMap headers;
  std::string body;
  std::string content_type;  // sent as Content-Type when not empty
};

class HttpClient {
 public:
  using Observer = std::function<void(const HttpRequest&, const HttpResponse&)>;

  explicit HttpClient(std::string base_url, std::chrono::milliseconds read_timeout = std::chrono::seconds{10});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  void set_observer(Observer observer) { observer_ = std::move(observer); }
  const std::string& base_url() const { return base_url_; }

  HttpResponse send(const HttpRequest& request);
  HttpResponse get(const std::string& path, HeaderMap headers = {});
  HttpResponse post_json(const std::string& path, const std::string& body, HeaderMap headers = {});
  HttpResponse post_form(const std::string& path, const std::string& body, HeaderMap headers = {});
  HttpResponse patch_json(const std::string& path, const std::string& body, HeaderMap headers = {});
  HttpResponse options(const std::string& path, HeaderMap headers = {});

 private:
  std::string base_url_;
  std::chrono::milliseconds read_timeout_;
  Observer observer_;
};

// {"Authorization": "Bearer <token>"} plus `extra`.
HeaderMap bearer(const std::string& token, HeaderMap extra = {});

}  // namespace portal::test
