#pragma once
// Issue 20 part 3, the gateway's share of the one audit trail: access tokens refused at the gateway
// (SPEC §1: token refusals are recorded). The services record their own refusals; a token the gateway
// refuses never reaches them. The gateway keeps no business data, so these records go to a small
// database of its own (PORTAL_GATEWAY_DATABASE_URL, default sqlite:<PORTAL_DATA_DIR>/gateway.db) with
// the same audit_trail table, and GET /api/v1/audit merges them with the services' records as the
// service "gateway".
//
// The request path never waits on it: note() only queues (on an I/O thread), and a writer thread
// commits the queue in one transaction every 200 ms. A flood of forged tokens cannot grow it without
// bound: at most kRefusalsRecordedPerSecond are kept one by one; the rest of a second is counted, and one
// `token_refusals_suppressed` record says how many (RefusalBudget).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "portal/audit/audit_trail.hpp"
#include "portal/audit/retention.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/http/message.hpp"

namespace portal::gateway {

inline constexpr int kRefusalsRecordedPerSecond = 50;

// Pure: how many refusals of the current second are kept one by one. admit(second) says whether one
// more refusal in that second is recorded; a new second returns how many the previous one suppressed.
class RefusalBudget {
 public:
  explicit RefusalBudget(int per_second = kRefusalsRecordedPerSecond) : per_second_(per_second) {}
  struct Verdict {
    bool record = false;
    std::int64_t suppressed_second = 0;  // the second whose refusals were suppressed, when reported
    std::int64_t suppressed = 0;         // how many; 0 when nothing is to be reported
  };
  Verdict admit(std::int64_t unix_second);

 private:
  int per_second_;
  std::int64_t second_ = 0;
  int used_ = 0;
  std::int64_t suppressed_ = 0;
};

class RefusalTrail {
 public:
  // retention: PORTAL_AUDIT_RETENTION_DAYS, swept as in the services (libs/audit retention.hpp).
  RefusalTrail(const db::DatabaseOptions& options, core::Logger& log, const core::Clock& clock,
               std::chrono::days retention);
  ~RefusalTrail();
  RefusalTrail(const RefusalTrail&) = delete;
  RefusalTrail& operator=(const RefusalTrail&) = delete;

  // Queues one refusal (never blocks on the database).
  void note(audit::Entry entry);
  // This trail's own GET /api/v1/audit answer (the services' shape), for the fan-out.
  http::Response answer(const http::Request& req);
  // Writes what is queued now (tests; stop() does it too).
  void flush();
  void stop();

 private:
  void run();
  core::Logger& log_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<audit::RetentionSweeper> retention_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<audit::Entry> queue_;
  RefusalBudget budget_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace portal::gateway
