#pragma once
// AFF-4: runs import jobs in the background. The file is read line by line; every `batch_rows` lines
// one transaction upserts the valid rows, stores the rejections of the invalid ones and advances the
// job's last committed line, so a restart resumes exactly after the last committed batch and never
// reports a line twice. The CLI (`portal-affiliates import`) uses run_job on its own thread.
//
// Several replicas may share the database (issue 8): a job runs only on the runner that claimed it
// (import_store::claim, a lease of kImportLease renewed by every batch). Every kImportRescan the runner
// looks for jobs nobody holds: queued ones, and running ones whose runner stopped (it releases its claim)
// or died (its lease ran out), so an interrupted job resumes on whichever replica is up.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "affiliate_metrics.hpp"
#include "import_store.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "reference_data.hpp"

namespace portal::affiliates {

// Longer than any one batch takes (10,000 rows: seconds), short enough that a dead replica's job moves on.
inline constexpr std::chrono::milliseconds kImportLease = std::chrono::minutes{2};
inline constexpr std::chrono::milliseconds kImportRescan = std::chrono::seconds{30};

class ImportRunner {
 public:
  // Files under `uploads_dir` (the HTTP uploads) are deleted once their job ends; others (the CLI's
  // own file) are left alone.
  ImportRunner(db::Database& db, const ReferenceData& ref, const core::Clock& clock, core::Logger& log,
               std::size_t batch_rows = 10000, std::string uploads_dir = {},
               AffiliateMetrics* metrics = nullptr);
  ~ImportRunner();
  ImportRunner(const ImportRunner&) = delete;
  ImportRunner& operator=(const ImportRunner&) = delete;

  // Background thread: first the jobs a previous run left queued or running, then new ones.
  void start();
  void stop();  // finishes the current batch; the job stays `running` and resumes on the next start
  void enqueue(const std::string& job_id);

  // Claims one job and runs it to its end on the caller's thread; returns its state at the end (also when
  // another runner holds it, or it was already finished, and then runs nothing).
  ImportJob run_job(const std::string& job_id);

 private:
  void run();
  void enqueue_claimable();
  bool stopping() const;
  void discard_upload(const ImportJob& job) const;
  ImportClaim lease() const;

  db::Database& db_;
  const ReferenceData& ref_;
  const core::Clock& clock_;
  core::Logger& log_;
  std::size_t batch_rows_;
  std::string uploads_dir_;
  AffiliateMetrics* metrics_;
  std::string runner_id_;  // this runner's claims
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace portal::affiliates
