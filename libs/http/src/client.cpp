#include "portal/http/client.hpp"

#include <httplib.h>

#include "circuit_breaker.hpp"

namespace portal::http {
namespace {

using Clock = std::chrono::steady_clock;

bool is_idempotent(Method m) {
  return m == Method::get || m == Method::head || m == Method::put || m == Method::del ||
         m == Method::options;
}

}  // namespace

std::string_view to_string(ClientError e) {
  switch (e) {
    case ClientError::none:
      return "none";
    case ClientError::connect_failed:
      return "connect_failed";
    case ClientError::timeout:
      return "timeout";
    case ClientError::circuit_open:
      return "circuit_open";
    case ClientError::too_large:
      return "too_large";
    case ClientError::protocol:
      return "protocol";
  }
  return "protocol";
}

struct Client::Pool {
  explicit Pool(const ClientOptions& o) : options(o), breaker(o.breaker_failures, o.breaker_open_for) {}

  // A cpp-httplib Client serializes its calls, so each borrower gets its own (keep-alive connection).
  std::unique_ptr<httplib::Client> acquire() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        auto c = std::move(idle.back());
        idle.pop_back();
        return c;
      }
    }
    auto c = std::make_unique<httplib::Client>(options.host, options.port);
    // ARCHITECTURE.md: Nagle costs ~300 req/s on keep-alive connections.
    c->set_tcp_nodelay(true);
    c->set_keep_alive(true);
    c->set_connection_timeout(std::chrono::duration_cast<std::chrono::microseconds>(options.connect_timeout));
    c->set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(options.read_timeout));
    c->set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(options.read_timeout));
    return c;
  }

  void release(std::unique_ptr<httplib::Client> c) {
    std::lock_guard lock(mutex);
    if (idle.size() < options.pool_size) idle.push_back(std::move(c));
  }

  const ClientOptions& options;
  CircuitBreaker breaker;
  std::mutex mutex;
  std::vector<std::unique_ptr<httplib::Client>> idle;
};

Client::Client(ClientOptions options)
    : options_(std::move(options)), pool_(std::make_unique<Pool>(options_)) {}

Client::~Client() = default;

bool Client::circuit_open() const { return pool_->breaker.is_open(Clock::now()); }

bool Client::breaker_allows() { return pool_->breaker.allow(Clock::now()); }

void Client::breaker_record(bool success) {
  if (success) {
    pool_->breaker.record_success();
  } else {
    pool_->breaker.record_failure(Clock::now());
  }
}

ClientResult Client::request(Method method, const std::string& path, const Headers& headers,
                             const std::string& body, const std::string& content_type) {
  ClientResult result;
  if (!pool_->breaker.allow(Clock::now())) {
    result.error = ClientError::circuit_open;
    return result;
  }
  httplib::Request req;
  req.method = std::string{to_string(method)};
  req.path = path;
  for (const auto& [name, value] : headers) req.headers.emplace(name, value);
  if (!body.empty() || method == Method::post || method == Method::put || method == Method::patch) {
    req.body = body;
    if (!content_type.empty() && !req.has_header("Content-Type"))
      req.headers.emplace("Content-Type", content_type);
  }

  const int attempts = 1 + (is_idempotent(method) ? std::max(0, options_.idempotent_retries) : 0);
  for (int attempt = 0; attempt < attempts; ++attempt) {
    auto client = pool_->acquire();
    const auto started = Clock::now();
    // cpp-httplib 0.11 has no response size limit on the client: collect the body ourselves and stop
    // at max_response_bytes.
    std::string received;
    bool too_large = false;
    req.content_receiver = [&](const char* data, size_t len, uint64_t, uint64_t) {
      if (received.size() + len > options_.max_response_bytes) {
        too_large = true;
        return false;
      }
      received.append(data, len);
      return true;
    };
    httplib::Result r = client->send(req);
    if (r || (r.error() != httplib::Error::Connection && r.error() != httplib::Error::ConnectionTimeout))
      result.sent = true;
    if (too_large) {
      result.error = ClientError::too_large;
      pool_->breaker.record_success();
      return result;  // the upstream answered: not a failure for the breaker
    }
    if (r) {
      pool_->release(std::move(client));
      pool_->breaker.record_success();
      ClientResponse response;
      response.status = r->status;
      for (const auto& [name, value] : r->headers) response.headers.insert_or_assign(name, value);
      response.body = std::move(received);
      result.response = std::move(response);
      result.error = ClientError::none;
      return result;
    }
    const auto elapsed = Clock::now() - started;
    // cpp-httplib reports a read timeout as Error::Read, like a connection the peer closed: only the
    // time spent tells them apart. A timed-out call is not retried (the upstream may still be working).
    switch (r.error()) {
      case httplib::Error::Connection:
      case httplib::Error::ConnectionTimeout:
        result.error = ClientError::connect_failed;
        break;
      case httplib::Error::Read:
      case httplib::Error::Write:
        result.error = elapsed >= options_.read_timeout - std::chrono::milliseconds{50}
                           ? ClientError::timeout
                           : ClientError::protocol;
        break;
      default:
        result.error = ClientError::protocol;
        break;
    }
    if (result.error == ClientError::timeout) break;
  }
  pool_->breaker.record_failure(Clock::now());
  return result;
}

}  // namespace portal::http
