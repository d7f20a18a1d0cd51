#pragma once
// The relay (issue 15): a background thread of the publishing service that ships its event_outbox to
// portal-events, oldest first. A row is marked sent only after the hub answered 2xx; anything else (no
// connection, timeout, 5xx) leaves it pending with a back-off, and a restart finds it again: delivery is
// at-least-once and the hub de-duplicates by event id. A failed row holds back the rows after it, so the
// hub receives one service's events in the order they were committed; only a row the hub refuses for good
// (400, 413, 422: the event itself is wrong) is set aside, with its reason, so that it cannot block the rest.
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

#include "portal/core/background_loop.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/http/client.hpp"
#include "portal/metrics/metrics.hpp"

namespace portal::events {

inline constexpr const char* kIngestPath = "/internal/v1/events";

struct RelayOptions {
  http::ClientOptions hub;  // portal-events (PORTAL_EVENTS_URL)
  std::string key;          // the shared key (PORTAL_FORWARDING_KEY) the POST is signed with
  std::chrono::milliseconds poll_interval{500};
  int batch = 100;
  // Delay after `failed_attempts` failures (libs/mail's 1 s, 2 s, 4 s ... 10 min by default); tests pass
  // a short one.
  std::function<std::chrono::milliseconds(int)> backoff;
};

class Relay {
 public:
  Relay(db::Database& db, RelayOptions options, core::Logger& logger, metrics::Registry& metrics,
        const core::Clock& clock);
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  // After a commit that published something: ship now instead of at the next poll.
  void wake() { loop_.wake(); }
  // Ships what is due now, synchronously (tests); returns how many the hub accepted.
  int ship_due();
  // Events not yet accepted by the hub (the events_outbox_backlog gauge).
  long long backlog();

 private:
  db::Database& db_;
  RelayOptions options_;
  core::Logger& logger_;
  const core::Clock& clock_;
  http::Client client_;
  prometheus::Family<prometheus::Counter>* relayed_;
  std::string service_;
  std::mutex ship_mutex_;      // one pass at a time (the thread, or a test calling ship_due)
  core::BackgroundLoop loop_;  // last: stopped first
};

}  // namespace portal::events
