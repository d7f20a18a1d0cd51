#include "import_runner.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "affiliate_rules.hpp"
#include "affiliate_store.hpp"
#include "csv_row.hpp"
#include "portal/security/password.hpp"

namespace portal::affiliates {
namespace {

long long ms(core::Instant t) { return t.time_since_epoch().count(); }

// Thrown inside a batch's transaction when the job's claim is no longer this runner's: the batch rolls
// back, and the runner that holds the job now commits those lines instead.
class ClaimLost : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Rejection conflict(long long line) {
  return Rejection{line, core::FieldError{"line",
                                          "conflict",
                                          {"La fila choca con otro afiliado registrado.",
                                           "The row conflicts with another registered affiliate."}}};
}

}  // namespace

ImportRunner::ImportRunner(db::Database& db, const ReferenceData& ref, const core::Clock& clock,
                           core::Logger& log, std::size_t batch_rows, std::string uploads_dir,
                           AffiliateMetrics* metrics)
    : db_(db),
      ref_(ref),
      clock_(clock),
      log_(log),
      batch_rows_(batch_rows == 0 ? 1 : batch_rows),
      uploads_dir_(std::move(uploads_dir)),
      metrics_(metrics),
      runner_id_(security::random_token(9)) {}

void ImportRunner::discard_upload(const ImportJob& job) const {
  if (uploads_dir_.empty() || job.file_path.rfind(uploads_dir_ + "/", 0) != 0) return;
  std::error_code ec;
  std::filesystem::remove(job.file_path, ec);  // the job row keeps the report; the CSV is no longer needed
}

ImportClaim ImportRunner::lease() const { return ImportClaim{runner_id_, ms(clock_.now() + kImportLease)}; }

ImportRunner::~ImportRunner() { stop(); }

void ImportRunner::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ImportRunner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool ImportRunner::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void ImportRunner::enqueue(const std::string& job_id) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(job_id);
  }
  wake_.notify_all();
}

void ImportRunner::enqueue_claimable() {
  std::vector<std::string> ids;
  try {
    ids = db_.read([&](db::Connection& c) { return import_store::claimable(c, ms(clock_.now())); });
  } catch (const std::exception& e) {
    log_.error("import_scan_failed", {{"error", e.what()}});  // the next scan tries again
    return;
  }
  std::lock_guard lock(mutex_);
  for (const auto& id : ids)
    if (std::find(queue_.begin(), queue_.end(), id) == queue_.end()) queue_.push_back(id);
}

void ImportRunner::run() {
  // First the jobs a previous run (or another replica) left, then new ones, and every kImportRescan the
  // jobs whose runner went away since.
  auto next_scan = std::chrono::steady_clock::now();
  while (true) {
    if (std::chrono::steady_clock::now() >= next_scan) {
      enqueue_claimable();
      next_scan = std::chrono::steady_clock::now() + kImportRescan;
    }
    std::string id;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, next_scan, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      if (queue_.empty()) continue;
      id = queue_.front();
      queue_.pop_front();
    }
    try {
      run_job(id);
    } catch (const std::exception& e) {
      // The claim lapses after kImportLease and a later scan (here or on another replica) resumes the job.
      log_.error("import_failed", {{"job_id", id}, {"error", e.what()}});
    }
  }
}

ImportJob ImportRunner::run_job(const std::string& job_id) {
  const auto started = clock_.now();
  const bool claimed = db_.write([&](db::Connection& c) {
    return import_store::claim(c, job_id, lease(), ms(started), core::to_rfc3339(started));
  });
  auto job = db_.read([&](db::Connection& c) { return import_store::find(c, job_id); });
  if (!job) throw std::runtime_error("unknown import job " + job_id);
  if (!claimed) return *job;  // finished, or running under another runner's claim
  log_.info("import_started", {{"job_id", job_id}, {"resume_after_line", job->last_committed_line}});
  auto current = [&] { return *db_.read([&](db::Connection& c) { return import_store::find(c, job_id); }); };

  auto fail = [&](const std::string& reason, const std::vector<Rejection>& rejections) {
    const bool written = db_.write([&](db::Connection& c) {
      return import_store::commit_batch(c, job_id, lease(), job->last_committed_line, 0, rejections) &&
             import_store::finish(c, job_id, runner_id_, "failed", core::to_rfc3339(clock_.now()), reason);
    });
    auto failed = current();
    if (!written) return failed;  // another runner holds the job now
    log_.warn("import_failed", {{"job_id", job_id}, {"reason", reason}});
    discard_upload(failed);
    if (metrics_) metrics_->import_finished(false);
    return failed;
  };

  std::ifstream in(job->file_path, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) return fail("file_unreadable", {});
  const auto header = read_csv_header(line);
  if (!header.errors.empty()) {
    std::vector<Rejection> rejections;
    if (job->last_committed_line == 0)
      for (const auto& e : header.errors) rejections.push_back(Rejection{1, e});
    return fail("invalid_header", rejections);
  }

  const auto today = core::bogota_date(clock_.now());
  long long line_number = 1;
  // Skip what an earlier run already committed (resume).
  while (line_number < job->last_committed_line && std::getline(in, line)) ++line_number;

  std::vector<std::pair<long long, Affiliate>> valid;  // line, row
  std::vector<Rejection> rejections;
  valid.reserve(batch_rows_);
  // One transaction per batch on both backends. row_by_row puts each upsert in its own savepoint, so a
  // row breaking a constraint the rules do not see (e.g. two newborn keys colliding) is reported and the
  // rest kept: a failed statement aborts the whole transaction otherwise. It costs two more statements
  // per row (round trips on PostgreSQL), so a batch only goes row by row after it failed as a whole.
  auto write_batch = [&](bool row_by_row, const std::string& now) {
    return db_.write([&](db::Connection& c) {
      auto batch_rejections = rejections;
      long long loaded = 0;
      for (const auto& [number, a] : valid) {
        if (!row_by_row) {
          affiliate_store::upsert(c, a, now);
          ++loaded;
          continue;
        }
        try {
          c.savepoint([&] { affiliate_store::upsert(c, a, now); });
          ++loaded;
        } catch (const db::Unavailable&) {
          throw;
        } catch (const db::SerializationFailure&) {
          throw;
        } catch (const db::Error&) {
          batch_rejections.push_back(conflict(number));
        }
      }
      std::stable_sort(batch_rejections.begin(), batch_rejections.end(),
                       [](const Rejection& a, const Rejection& b) { return a.line < b.line; });
      if (!import_store::commit_batch(c, job_id, lease(), line_number, loaded, batch_rejections))
        throw ClaimLost("import job " + job_id + " is claimed by another runner");
      return std::pair{loaded, batch_rejections};
    });
  };
  auto commit = [&] {
    const auto now = core::to_rfc3339(clock_.now());
    std::pair<long long, std::vector<Rejection>> written;
    try {
      written = write_batch(false, now);
    } catch (const db::Unavailable&) {
      throw;
    } catch (const db::SerializationFailure&) {
      throw;
    } catch (const db::Error&) {
      written = write_batch(true, now);
    }
    if (metrics_) {
      const auto& batch_rejections = written.second;
      long long rejected_lines = 0;
      for (std::size_t i = 0; i < batch_rejections.size(); ++i)
        rejected_lines += i == 0 || batch_rejections[i].line != batch_rejections[i - 1].line;
      metrics_->import_rows(written.first, rejected_lines);
    }
    valid.clear();
    rejections.clear();
  };

  // A roster's index pages do not fit SQLite's default 2 MB page cache: with random surname/name keys
  // every batch would re-read and re-write them. 128 MB on the writer connection for the job's duration.
  // (PostgreSQL's cache is the server's shared_buffers.)
  const bool sqlite = db_.dialect() == db::Dialect::sqlite;
  if (sqlite) db_.write([](db::Connection& c) { c.exec("PRAGMA cache_size = -131072"); });
  struct RestoreCache {
    db::Database& db;
    bool active;
    ~RestoreCache() {
      if (!active) return;
      try {
        db.write([](db::Connection& c) { c.exec("PRAGMA cache_size = -2000"); });
      } catch (const std::exception&) {
      }
    }
  } restore_cache{db_, sqlite};

  try {
    std::size_t in_batch = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) {
        auto parsed = parse_csv_line(line);
        if (parsed.error) {
          rejections.push_back(Rejection{line_number, *parsed.error});
        } else {
          auto row = affiliate_from_csv(header.layout, parsed.fields);
          if (row.errors.empty()) row.errors = validate_affiliate(row.affiliate, ref_, today);
          if (row.errors.empty()) {
            valid.emplace_back(line_number, std::move(row.affiliate));
          } else {
            for (auto& e : row.errors) rejections.push_back(Rejection{line_number, std::move(e)});
          }
        }
      }
      if (++in_batch >= batch_rows_) {
        commit();
        in_batch = 0;
        if (stopping()) {
          // Another replica (or this one once restarted) resumes after the batch just committed.
          db_.write([&](db::Connection& c) { import_store::release(c, job_id, runner_id_); });
          log_.info("import_paused", {{"job_id", job_id}, {"last_committed_line", line_number}});
          return current();
        }
      }
    }
    commit();
  } catch (const ClaimLost&) {
    log_.warn("import_claim_lost", {{"job_id", job_id}, {"line", line_number}});
    return current();
  }
  const bool finished = db_.write([&](db::Connection& c) {
    return import_store::finish(c, job_id, runner_id_, "completed", core::to_rfc3339(clock_.now()),
                                std::nullopt);
  });
  auto done = current();
  if (!finished) return done;
  discard_upload(done);
  if (metrics_) metrics_->import_finished(true);
  const auto seconds = std::chrono::duration<double>(clock_.now() - started).count();
  log_.info("import_completed", {{"job_id", job_id},
                                 {"loaded_rows", done.loaded_rows},
                                 {"rejected_rows", done.rejected_rows},
                                 {"seconds", seconds}});
  return done;
}

}  // namespace portal::affiliates
