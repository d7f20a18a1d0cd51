#pragma once
// FIN-4: runs portfolio requests in the background. A job is claimed with a lease (portfolio_store), its
// file read row by row, each valid invoice looked up in the EPS's view in batches of one read transaction,
// and the result written as it goes to a temporary .xlsx that is made durable under its final name before
// the job is marked completed. Completion, its metrics and the result e-mail are one transaction that
// checks the claim: a job interrupted by a restart (or whose runner died) is claimed again after its lease
// and redone from the start, and completes, e-mails and counts exactly once.
#include <atomic>
#include <chrono>
#include <string>

#include "portal/core/background_loop.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/events/relay.hpp"

namespace portal::finance {

class FinanceMetrics;

inline constexpr std::chrono::milliseconds kPortfolioLease = std::chrono::minutes{2};

struct PortfolioRunnerOptions {
  std::string files_dir;   // uploads and results (<data>/portfolio)
  std::string tmp_dir;     // libxlsxwriter's own temporary files
  std::string public_url;  // the link in the result e-mail
  std::chrono::milliseconds rescan = std::chrono::seconds{5};
  events::Relay* events = nullptr;  // woken after a change that published events (job_events.hpp)
};

class PortfolioRunner {
 public:
  PortfolioRunner(db::Database& db, const core::Clock& clock, core::Logger& log, FinanceMetrics* metrics,
                  PortfolioRunnerOptions options);
  ~PortfolioRunner();
  PortfolioRunner(const PortfolioRunner&) = delete;
  PortfolioRunner& operator=(const PortfolioRunner&) = delete;

  void start();
  void stop();  // a job in progress releases its claim and resumes on the next start
  void wake();
  // One pass on the caller's thread: every job that can be claimed now, run to its end. Returns how many ran.
  int run_due();
  const std::string& runner_id() const { return runner_id_; }

 private:
  bool run_job(long long id);

  db::Database& db_;
  const core::Clock& clock_;
  core::Logger& log_;
  FinanceMetrics* metrics_;
  PortfolioRunnerOptions options_;
  std::string runner_id_;
  std::atomic<bool> stopping_{false};
  core::BackgroundLoop loop_;  // last: stopped first
};

// The stored result of a request, under options.files_dir.
std::string portfolio_result_path(const std::string& files_dir, long long request_id);

}  // namespace portal::finance
