#pragma once
// The audit trail's retention (issue 20 part 3): records older than PORTAL_AUDIT_RETENTION_DAYS (default
// 1,825 days, five years; docs/audit.md) are deleted at start-up and then once an hour. This sweep is the
// only way a record leaves the trail.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"

namespace portal::audit {

std::chrono::days retention_days(const core::Config& config);

class RetentionSweeper {
 public:
  RetentionSweeper(db::Database& db, const core::Clock& clock, core::Logger& log, std::chrono::days retention,
                   std::chrono::milliseconds every = std::chrono::hours{1});
  ~RetentionSweeper();
  RetentionSweeper(const RetentionSweeper&) = delete;
  RetentionSweeper& operator=(const RetentionSweeper&) = delete;

  void start();  // sweeps once now, then every `every`
  void stop();
  long long sweep();  // deletes what is older than the retention; returns how many

 private:
  db::Database& db_;
  const core::Clock& clock_;
  core::Logger& log_;
  std::chrono::days retention_;
  std::chrono::milliseconds every_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace portal::audit
