#include "support/http_client.hpp"

#include <httplib.h>
#include <strings.h>

#include <algorithm>

namespace portal::test {

bool HeaderNameLess::operator()(const std::string& a, const std::string& b) const {
  return ::strcasecmp(a.c_str(), b.c_str()) < 0;
}

std::optional<std::string> HttpResponse::header(const std::string& name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

bool HttpResponse::is_problem() const {
  auto ct = header("Content-Type");
  return ct && ct->rfind("application/problem+json", 0) == 0;
}

std::vector<std::string> HttpResponse::header_names_with_prefix(std::string_view prefix) const {
  std::vector<std::string> out;
  for (const auto& [name, value] : headers)
    if (name.size() >= prefix.size() && ::strncasecmp(name.c_str(), prefix.data(), prefix.size()) == 0)
      out.push_back(name);
  return out;
}

HttpClient::HttpClient(std::string base_url, std::chrono::milliseconds read_timeout)
    : base_url_(std::move(base_url)), read_timeout_(read_timeout) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::send(const HttpRequest& request) {
  // A connection per request: a test that kills a server must not see a stale keep-alive socket.
  httplib::Client client(base_url_);
  client.set_connection_timeout(std::chrono::seconds{2});
  client.set_read_timeout(read_timeout_);
  client.set_write_timeout(std::chrono::seconds{10});
  client.set_keep_alive(false);
  client.set_tcp_nodelay(true);

  httplib::Request req;
  req.method = request.method;
  req.path = request.path;
  for (const auto& [k, v] : request.headers) req.headers.emplace(k, v);
  if (!request.content_type.empty()) req.headers.emplace("Content-Type", request.content_type);
  req.body = request.body;

  HttpResponse out;
  const auto start = std::chrono::steady_clock::now();
  auto res = client.send(req);
  out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  if (res) {
    out.status = res->status;
    for (const auto& [k, v] : res->headers) out.headers.emplace(k, v);
    out.body = res->body;
  } else {
    out.error = httplib::to_string(res.error());
  }
  if (observer_) observer_(request, out);
  return out;
}

HttpResponse HttpClient::get(const std::string& path, HeaderMap headers) {
  return send({"GET", path, std::move(headers), {}, {}});
}

HttpResponse HttpClient::post_json(const std::string& path, const std::string& body, HeaderMap headers) {
  return send({"POST", path, std::move(headers), body, "application/json"});
}

HttpResponse HttpClient::post_form(const std::string& path, const std::string& body, HeaderMap headers) {
  return send({"POST", path, std::move(headers), body, "application/x-www-form-urlencoded"});
}

HttpResponse HttpClient::patch_json(const std::string& path, const std::string& body, HeaderMap headers) {
  return send({"PATCH", path, std::move(headers), body, "application/json"});
}

HttpResponse HttpClient::options(const std::string& path, HeaderMap headers) {
  return send({"OPTIONS", path, std::move(headers), {}, {}});
}

HeaderMap bearer(const std::string& token, HeaderMap extra) {
  extra.emplace("Authorization", "Bearer " + token);
  return extra;
}

}  // namespace portal::test
