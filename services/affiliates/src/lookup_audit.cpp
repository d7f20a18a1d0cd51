#include "lookup_audit.hpp"

#include <optional>

#include "portal/audit/audit_trail.hpp"

namespace portal::affiliates {

LookupAuditLog::LookupAuditLog(db::Database& db, core::Logger& log, std::chrono::milliseconds flush_every)
    : db_(db), log_(log), flush_every_(flush_every) {}

LookupAuditLog::~LookupAuditLog() { stop(); }

void LookupAuditLog::record(LookupAuditEntry entry) {
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(entry));
}

void LookupAuditLog::flush() {
  // Taken before the queue is swapped: a batch another thread took earlier is written before this call
  // looks at the queue, so when flush() returns every row recorded before it is in the database.
  std::lock_guard order(write_mutex_);
  std::vector<LookupAuditEntry> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(queue_);
  }
  write(batch);
}

std::size_t LookupAuditLog::write(std::vector<LookupAuditEntry>& batch) {
  if (batch.empty()) return 0;
  try {
    db_.write([&](db::Connection& c) {
      for (const auto& e : batch) {
        // The shared trail (libs/audit, issue 20 part 3): what was asked and how many answered, never the
        // data.
        audit::Entry entry;
        entry.at = core::parse_rfc3339(e.at).value_or(core::Instant{});
        entry.subject = e.actor;
        entry.user_type = e.user_type;
        if (!e.provider_nit.empty()) entry.provider_nit = e.provider_nit;
        entry.client_ip = e.client_ip;
        entry.request_id = e.request_id;
        entry.action = "affiliate_" + e.action;
        entry.resource_type = "affiliate";
        entry.resource_id = e.query;
        entry.summary = "{\"result_count\":" + std::to_string(e.result_count) + "}";
        audit::record(c, entry);
      }
    });
  } catch (const std::exception& e) {
    // Keep the rows for the next attempt rather than losing the trail.
    log_.error("lookup_audit_write_failed",
               {{"rows", static_cast<long long>(batch.size())}, {"error", e.what()}});
    std::lock_guard lock(mutex_);
    queue_.insert(queue_.begin(), batch.begin(), batch.end());
    return 0;
  }
  return batch.size();
}

void LookupAuditLog::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void LookupAuditLog::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  flush();
}

void LookupAuditLog::run() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, flush_every_, [this] { return stopping_; })) return;
    }
    flush();
  }
}

}  // namespace portal::affiliates
