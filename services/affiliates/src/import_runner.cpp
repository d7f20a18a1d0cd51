#include "import_runner.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "affiliate_rules.hpp"
#include "affiliate_store.hpp"
#include "csv_row.hpp"

namespace portal::affiliates {

ImportRunner::ImportRunner(db::Database& db, const ReferenceData& ref, const core::Clock& clock,
                           core::Logger& log, std::size_t batch_rows, std::string uploads_dir,
                           AffiliateMetrics* metrics)
    : db_(db),
      ref_(ref),
      clock_(clock),
      log_(log),
      batch_rows_(batch_rows == 0 ? 1 : batch_rows),
      uploads_dir_(std::move(uploads_dir)),
      metrics_(metrics) {}

void ImportRunner::discard_upload(const ImportJob& job) const {
  if (uploads_dir_.empty() || job.file_path.rfind(uploads_dir_ + "/", 0) != 0) return;
  std::error_code ec;
  std::filesystem::remove(job.file_path, ec);  // the job row keeps the report; the CSV is no longer needed
}

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

void ImportRunner::run() {
  for (const auto& id : db_.read([](SQLite::Database& db) { return import_store::unfinished(db); })) {
    std::lock_guard lock(mutex_);
    queue_.push_front(id);
  }
  while (true) {
    std::string id;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = queue_.front();
      queue_.pop_front();
    }
    try {
      run_job(id);
    } catch (const std::exception& e) {
      log_.error("import_failed", {{"job_id", id}, {"error", e.what()}});
    }
  }
}

ImportJob ImportRunner::run_job(const std::string& job_id) {
  auto job = db_.read([&](SQLite::Database& db) { return import_store::find(db, job_id); });
  if (!job) throw std::runtime_error("unknown import job " + job_id);
  if (job->status == "completed" || job->status == "failed") return *job;
  const auto started = clock_.now();
  db_.write([&](SQLite::Database& db) { import_store::mark_running(db, job_id, core::to_rfc3339(started)); });
  log_.info("import_started", {{"job_id", job_id}, {"resume_after_line", job->last_committed_line}});

  auto fail = [&](const std::string& reason, const std::vector<Rejection>& rejections) {
    db_.write([&](SQLite::Database& db) {
      import_store::commit_batch(db, job_id, job->last_committed_line, 0, rejections);
      import_store::finish(db, job_id, "failed", core::to_rfc3339(clock_.now()), reason);
    });
    log_.warn("import_failed", {{"job_id", job_id}, {"reason", reason}});
    auto failed = *db_.read([&](SQLite::Database& db) { return import_store::find(db, job_id); });
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
  auto commit = [&] {
    const auto now = core::to_rfc3339(clock_.now());
    db_.write([&](SQLite::Database& db) {
      affiliate_store::Upserter upserter(db);
      long long loaded = 0;
      for (const auto& [number, a] : valid) {
        try {
          upserter.upsert(a, now);
          ++loaded;
        } catch (const SQLite::Exception&) {
          // A constraint the rules do not see (e.g. two newborn keys colliding): report, keep going.
          rejections.push_back(
              Rejection{number, core::FieldError{"line",
                                                 "conflict",
                                                 {"La fila choca con otro afiliado registrado.",
                                                  "The row conflicts with another registered affiliate."}}});
        }
      }
      std::stable_sort(rejections.begin(), rejections.end(),
                       [](const Rejection& a, const Rejection& b) { return a.line < b.line; });
      import_store::commit_batch(db, job_id, line_number, loaded, rejections);
      if (metrics_) {
        long long rejected_lines = 0;
        for (std::size_t i = 0; i < rejections.size(); ++i)
          rejected_lines += i == 0 || rejections[i].line != rejections[i - 1].line;
        metrics_->import_rows(loaded, rejected_lines);
      }
    });
    valid.clear();
    rejections.clear();
  };

  // A roster's index pages do not fit SQLite's default 2 MB page cache: with random surname/name keys
  // every batch would re-read and re-write them. 128 MB on the writer connection for the job's duration.
  db_.write([](SQLite::Database& db) { db.exec("PRAGMA cache_size = -131072"); });
  struct RestoreCache {
    db::Database& db;
    ~RestoreCache() {
      try {
        db.write([](SQLite::Database& c) { c.exec("PRAGMA cache_size = -2000"); });
      } catch (const std::exception&) {
      }
    }
  } restore_cache{db_};

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
        log_.info("import_paused", {{"job_id", job_id}, {"last_committed_line", line_number}});
        return *db_.read([&](SQLite::Database& db) { return import_store::find(db, job_id); });
      }
    }
  }
  commit();
  db_.write([&](SQLite::Database& db) {
    import_store::finish(db, job_id, "completed", core::to_rfc3339(clock_.now()), std::nullopt);
  });
  auto done = *db_.read([&](SQLite::Database& db) { return import_store::find(db, job_id); });
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
