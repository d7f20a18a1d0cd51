#pragma once
// FIN-6 (issue 19): runs glosa response uploads in the background, as PortfolioRunner runs portfolio
// requests: a job is claimed with a lease, its file read, each row checked by glosa_response_rules against
// the stored lines, the result (the uploaded columns plus «Resultado del Cargue») written and made durable,
// and then, in one transaction that checks the claim, the loaded answers recorded, the job ended («Ejecutado
// Exitosamente», or «Error» when any row was refused) and the summary e-mailed. A job interrupted by a
// restart is claimed again after its lease and redone from the start; answers are recorded exactly once.
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

inline constexpr std::chrono::milliseconds kGlosaResponseLease = std::chrono::minutes{2};

struct GlosaResponseRunnerOptions {
  std::string files_dir;  // uploads and results (<data>/glosas)
  std::string tmp_dir;
  std::string public_url;
  std::chrono::milliseconds rescan = std::chrono::seconds{5};
  events::Relay* events = nullptr;  // woken after a change that published events (job_events.hpp)
};

class GlosaResponseRunner {
 public:
  GlosaResponseRunner(db::Database& db, const core::Clock& clock, core::Logger& log, FinanceMetrics* metrics,
                      GlosaResponseRunnerOptions options);
  ~GlosaResponseRunner();
  GlosaResponseRunner(const GlosaResponseRunner&) = delete;
  GlosaResponseRunner& operator=(const GlosaResponseRunner&) = delete;

  void start();
  void stop();
  void wake();
  int run_due();  // one pass on the caller's thread; how many jobs ended

 private:
  bool run_job(long long id);

  db::Database& db_;
  const core::Clock& clock_;
  core::Logger& log_;
  FinanceMetrics* metrics_;
  GlosaResponseRunnerOptions options_;
  std::string runner_id_;
  std::atomic<bool> stopping_{false};
  core::BackgroundLoop loop_;
};

std::string glosa_response_result_path(const std::string& files_dir, long long id);
// "yyyy-MM-dd HH:mm:ss" in Bogotá (the summary's start and end, manual 003 §8.4).
std::string bogota_timestamp(long long utc_ms);

}  // namespace portal::finance
