#include "refusal_trail.hpp"

#include <chrono>

#include "portal/audit/audit_route.hpp"

namespace portal::gateway {

namespace {
constexpr auto kFlushEvery = std::chrono::milliseconds{200};
constexpr std::size_t kMaxQueued = 10000;  // a writer that fell this far behind drops, and says so
}  // namespace

RefusalBudget::Verdict RefusalBudget::admit(std::int64_t unix_second) {
  Verdict v;
  if (unix_second != second_) {
    if (suppressed_ > 0) {
      v.suppressed_second = second_;
      v.suppressed = suppressed_;
    }
    second_ = unix_second;
    used_ = 0;
    suppressed_ = 0;
  }
  if (used_ < per_second_) {
    ++used_;
    v.record = true;
  } else {
    ++suppressed_;
  }
  return v;
}

RefusalTrail::RefusalTrail(const db::DatabaseOptions& options, core::Logger& log, const core::Clock& clock,
                           std::chrono::days retention)
    : log_(log) {
  db_ = db::Database::open(options, {{1, "audit_trail", std::string(audit::kAuditTrailDdl)}});
  retention_ = std::make_unique<audit::RetentionSweeper>(*db_, clock, log, retention);
  retention_->start();
  writer_ = std::thread([this] { run(); });
}

RefusalTrail::~RefusalTrail() { stop(); }

void RefusalTrail::note(audit::Entry entry) {
  std::lock_guard lock(mutex_);
  const auto verdict = budget_.admit(core::unix_seconds(entry.at));
  if (verdict.suppressed > 0 && queue_.size() < kMaxQueued) {
    audit::Entry summary;
    summary.at =
        core::Instant{std::chrono::seconds{verdict.suppressed_second + 1}} - std::chrono::milliseconds{1};
    summary.subject = "anonymous";
    summary.user_type = "anonymous";
    summary.client_ip = "-";
    summary.request_id = "-";
    summary.action = "token_refusals_suppressed";
    summary.resource_type = "access_token";
    summary.resource_id = "-";
    summary.summary = R"({"count":)" + std::to_string(verdict.suppressed) + "}";
    queue_.push_back(std::move(summary));
  }
  if (verdict.record && queue_.size() < kMaxQueued) queue_.push_back(std::move(entry));
}

void RefusalTrail::flush() {
  std::vector<audit::Entry> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(queue_);
  }
  if (batch.empty()) return;
  try {
    db_->write([&](db::Connection& c) {
      for (const auto& e : batch) audit::record(c, e);
    });
  } catch (const std::exception& e) {
    log_.error("refusal_trail_write_failed",
               {{"records", static_cast<long long>(batch.size())}, {"error", e.what()}});
  }
}

void RefusalTrail::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kFlushEvery, [this] { return stopping_; });
    lock.unlock();
    flush();
    lock.lock();
  }
}

void RefusalTrail::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  flush();
  retention_->stop();
}

http::Response RefusalTrail::answer(const http::Request& req) {
  return audit::audit_answer(req, *db_, "gateway");
}

}  // namespace portal::gateway
