#pragma once
// Ley 1581 de 2012: every lookup, search and read of an affiliate is recorded — who, when, from where,
// which document or criteria were asked, how many records answered — never the affiliate's data. The rows
// go to the shared audit trail (libs/audit: action affiliate_lookup | affiliate_search | affiliate_read,
// resource affiliate / the query, summary {result_count}); the older lookup_audit table is no longer written.
// Rows are queued and written in one transaction every few milliseconds (group commit): with
// synchronous=FULL one commit per lookup would cap lookups at ~2.4k/s on SQLite (ARCHITECTURE.md,
// measured); on PostgreSQL it saves a round trip and a commit per lookup.
// stop() and flush() write everything queued.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "portal/core/log.hpp"
#include "portal/db/database.hpp"

namespace portal::affiliates {

struct LookupAuditEntry {
  std::string at;
  std::string actor;      // principal subject
  std::string user_type;  // provider | employee | client
  std::string provider_nit;
  std::string action;  // lookup | search | read
  std::string query;   // "CC 1234567" or the search criteria
  long long result_count = 0;
  std::string request_id;
  std::string client_ip;
};

class LookupAuditLog {
 public:
  LookupAuditLog(db::Database& db, core::Logger& log,
                 std::chrono::milliseconds flush_every = std::chrono::milliseconds{20});
  ~LookupAuditLog();
  LookupAuditLog(const LookupAuditLog&) = delete;
  LookupAuditLog& operator=(const LookupAuditLog&) = delete;

  void record(LookupAuditEntry entry);
  // Writes what is queued now, on the caller's thread; returns once every row recorded before the call
  // is written (also those the background thread had already taken).
  void flush();
  void start();
  void stop();

 private:
  void run();
  std::size_t write(std::vector<LookupAuditEntry>& batch);  // with write_mutex_ held

  db::Database& db_;
  core::Logger& log_;
  std::chrono::milliseconds flush_every_;
  std::mutex mutex_;
  std::mutex write_mutex_;
  std::condition_variable wake_;
  std::vector<LookupAuditEntry> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace portal::affiliates
