#pragma once
// GW-6 active health checks: one background thread asks every instance of every upstream for
// GET /readyz once per interval. A failed check (no connection, no answer within the timeout, or a
// non-2xx status such as 503 from a service whose database is gone) ejects the instance; a passed one
// readmits it. /readyz rather than /healthz: an instance that runs but cannot serve (no database, no
// keys) must not get traffic either.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "portal/http/client.hpp"
#include "upstream.hpp"

namespace portal::gateway {

struct HealthCheckOptions {
  std::chrono::milliseconds interval{1000};
  // Per check; the effective value is at most the interval so that one hung instance cannot hold
  // back the next round for long.
  std::chrono::milliseconds timeout{500};
  std::chrono::milliseconds connect_timeout{300};
};

class HealthChecker {
 public:
  HealthChecker(std::vector<Upstream*> upstreams, HealthCheckOptions options);
  ~HealthChecker();
  HealthChecker(const HealthChecker&) = delete;
  HealthChecker& operator=(const HealthChecker&) = delete;

  void start();      // the first round runs at once, then one per interval
  void stop();       // waits for a check in flight (at most the timeout)
  void check_all();  // one round on the calling thread

 private:
  struct Probe {
    Upstream* upstream;
    std::size_t instance;
    std::unique_ptr<http::Client> client;
  };
  void check(Probe& probe);
  bool stopping() const;
  void run();

  std::vector<Probe> probes_;
  HealthCheckOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace portal::gateway
