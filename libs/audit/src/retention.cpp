#include "portal/audit/retention.hpp"

#include "portal/audit/audit_trail.hpp"

namespace portal::audit {

std::chrono::days retention_days(const core::Config& config) {
  const long long days = config.get_int("PORTAL_AUDIT_RETENTION_DAYS", 1825);
  return std::chrono::days{days < 1 ? 1 : days};
}

RetentionSweeper::RetentionSweeper(db::Database& db, const core::Clock& clock, core::Logger& log,
                                   std::chrono::days retention, std::chrono::milliseconds every)
    : db_(db), clock_(clock), log_(log), retention_(retention), every_(every) {}

RetentionSweeper::~RetentionSweeper() { stop(); }

long long RetentionSweeper::sweep() {
  const auto cutoff = clock_.now() - retention_;
  try {
    const long long deleted = db_.write([&](db::Connection& c) { return purge_before(c, cutoff); });
    if (deleted > 0) log_.info("audit_trail_purged", {{"records", deleted}});
    return deleted;
  } catch (const std::exception& e) {
    log_.error("audit_trail_purge_failed", {{"error", e.what()}});
    return 0;
  }
}

void RetentionSweeper::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      sweep();
      lock.lock();
      wake_.wait_for(lock, every_, [this] { return stopping_; });
    }
  });
}

void RetentionSweeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace portal::audit
