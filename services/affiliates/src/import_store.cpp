#include "import_store.hpp"

namespace portal::affiliates::import_store {
namespace {

constexpr const char* kSelect =
    "SELECT id, content_sha256, file_path, status, created_by, created_at, started_at, finished_at, "
    "last_committed_line, loaded_rows, rejected_rows, error FROM import_jobs ";

std::optional<std::string> opt_text(SQLite::Statement& q, int col) {
  auto c = q.getColumn(col);
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

ImportJob read_row(SQLite::Statement& q) {
  ImportJob j;
  j.id = q.getColumn(0).getString();
  j.content_sha256 = q.getColumn(1).getString();
  j.file_path = q.getColumn(2).getString();
  j.status = q.getColumn(3).getString();
  j.created_by = q.getColumn(4).getString();
  j.created_at = q.getColumn(5).getString();
  j.started_at = opt_text(q, 6);
  j.finished_at = opt_text(q, 7);
  j.last_committed_line = q.getColumn(8).getInt64();
  j.loaded_rows = q.getColumn(9).getInt64();
  j.rejected_rows = q.getColumn(10).getInt64();
  j.error = opt_text(q, 11);
  return j;
}

std::optional<ImportJob> one(SQLite::Database& db, const std::string& where, const std::string& value) {
  SQLite::Statement q(db, std::string{kSelect} + where);
  q.bind(1, value);
  if (!q.executeStep()) return std::nullopt;
  return read_row(q);
}

}  // namespace

void create(SQLite::Database& db, const ImportJob& job) {
  SQLite::Statement q(
      db,
      "INSERT INTO import_jobs (id, content_sha256, file_path, status, created_by, created_at) "
      "VALUES (?,?,?,?,?,?)");
  q.bind(1, job.id);
  q.bind(2, job.content_sha256);
  q.bind(3, job.file_path);
  q.bind(4, job.status);
  q.bind(5, job.created_by);
  q.bind(6, job.created_at);
  q.exec();
}

std::optional<ImportJob> find(SQLite::Database& db, const std::string& id) {
  return one(db, "WHERE id = ?", id);
}

std::optional<ImportJob> find_by_content(SQLite::Database& db, const std::string& sha256) {
  return one(db, "WHERE content_sha256 = ?", sha256);
}

std::vector<std::string> unfinished(SQLite::Database& db) {
  SQLite::Statement q(
      db, "SELECT id FROM import_jobs WHERE status IN ('queued', 'running') ORDER BY created_at, id");
  std::vector<std::string> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

void mark_running(SQLite::Database& db, const std::string& id, const std::string& now) {
  SQLite::Statement q(
      db, "UPDATE import_jobs SET status = 'running', started_at = coalesce(started_at, ?) WHERE id = ?");
  q.bind(1, now);
  q.bind(2, id);
  q.exec();
}

void commit_batch(SQLite::Database& db, const std::string& id, long long last_line, long long loaded,
                  const std::vector<Rejection>& rejections) {
  SQLite::Statement ins(db,
                        "INSERT INTO import_rejections (job_id, line, field, code, message_es, message_en) "
                        "VALUES (?,?,?,?,?,?)");
  for (const auto& r : rejections) {
    ins.reset();
    ins.bind(1, id);
    ins.bind(2, static_cast<int64_t>(r.line));
    ins.bind(3, r.error.field);
    ins.bind(4, r.error.code);
    ins.bind(5, r.error.message.es);
    ins.bind(6, r.error.message.en);
    ins.exec();
  }
  // rejected_rows counts lines, not errors: a line may have several.
  long long rejected_lines = 0;
  long long previous = -1;
  for (const auto& r : rejections) {
    if (r.line != previous) ++rejected_lines;
    previous = r.line;
  }
  SQLite::Statement q(db,
                      "UPDATE import_jobs SET last_committed_line = ?, loaded_rows = loaded_rows + ?, "
                      "rejected_rows = rejected_rows + ? WHERE id = ?");
  q.bind(1, static_cast<int64_t>(last_line));
  q.bind(2, static_cast<int64_t>(loaded));
  q.bind(3, static_cast<int64_t>(rejected_lines));
  q.bind(4, id);
  q.exec();
}

void finish(SQLite::Database& db, const std::string& id, const std::string& status, const std::string& now,
            const std::optional<std::string>& error) {
  SQLite::Statement q(db, "UPDATE import_jobs SET status = ?, finished_at = ?, error = ? WHERE id = ?");
  q.bind(1, status);
  q.bind(2, now);
  if (error) {
    q.bind(3, *error);
  } else {
    q.bind(3);
  }
  q.bind(4, id);
  q.exec();
}

std::vector<Rejection> rejections(SQLite::Database& db, const std::string& id, const PageRequest& page) {
  SQLite::Statement q(
      db,
      "SELECT line, field, code, message_es, message_en FROM import_rejections WHERE job_id = ? "
      "ORDER BY line, rowid LIMIT ? OFFSET ?");
  q.bind(1, id);
  q.bind(2, static_cast<int64_t>(page.per_page));
  q.bind(3, static_cast<int64_t>((page.page - 1) * page.per_page));
  std::vector<Rejection> out;
  while (q.executeStep()) {
    out.push_back(Rejection{q.getColumn(0).getInt64(),
                            core::FieldError{q.getColumn(1).getString(),
                                             q.getColumn(2).getString(),
                                             {q.getColumn(3).getString(), q.getColumn(4).getString()}}});
  }
  return out;
}

long long count_rejections(SQLite::Database& db, const std::string& id) {
  SQLite::Statement q(db, "SELECT count(*) FROM import_rejections WHERE job_id = ?");
  q.bind(1, id);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace portal::affiliates::import_store
