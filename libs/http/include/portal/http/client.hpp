#pragma once
// Outbound HTTP (service → service, gateway → upstream) over cpp-httplib with keep-alive connections,
// TCP_NODELAY (Nagle costs ~300 req/s on keep-alive otherwise), connect/read timeouts, retries for
// idempotent methods only, and a circuit breaker that fails fast while an upstream is down.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "portal/http/message.hpp"

namespace portal::http {

struct ClientOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string name = "upstream";  // for metrics and logs
  std::chrono::milliseconds connect_timeout{300};
  std::chrono::milliseconds read_timeout{5000};
  int idempotent_retries = 1;  // extra attempts for GET/HEAD/PUT/DELETE/OPTIONS on connection failure
  std::size_t pool_size = 64;  // idle keep-alive connections kept
  std::size_t max_response_bytes = 16 * 1024 * 1024;
  int breaker_failures = 5;                          // consecutive failures that open the circuit
  std::chrono::milliseconds breaker_open_for{2000};  // then one trial call is let through
};

enum class ClientError { none, connect_failed, timeout, circuit_open, too_large, protocol };
std::string_view to_string(ClientError e);

struct ClientResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

struct ClientResult {
  std::optional<ClientResponse> response;
  ClientError error = ClientError::none;
  // Some attempt got a connection, so the upstream may have received the request and acted on it. A
  // same-instance retry (idempotent_retries) that then fails to connect still reports connect_failed
  // but keeps sent: only an unsent request may be repeated elsewhere whatever its method (GW-6).
  bool sent = false;
  bool ok() const { return response.has_value(); }
};

class Client {
 public:
  explicit Client(ClientOptions options);
  ~Client();
  // Thread-safe: each call borrows a pooled connection. path includes the query string.
  ClientResult request(Method method, const std::string& path, const Headers& headers = {},
                       const std::string& body = {}, const std::string& content_type = "application/json");
  ClientResult get(const std::string& path, const Headers& headers = {}) {
    return request(Method::get, path, headers);
  }
  bool circuit_open() const;
  // For calls made elsewhere on this client's behalf (the gateway's streaming proxy, issue 14 item 4):
  // may one go ahead now (in half-open state only the first caller gets true), and how did it end?
  bool breaker_allows();
  void breaker_record(bool success);
  const ClientOptions& options() const { return options_; }

  struct Pool;

 private:
  ClientOptions options_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace portal::http
