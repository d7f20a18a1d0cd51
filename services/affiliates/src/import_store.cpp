#include "import_store.hpp"

namespace portal::affiliates::import_store {
namespace {

constexpr const char* kSelect =
    "SELECT id, content_sha256, file_path, status, created_by, created_at, started_at, finished_at, "
    "last_committed_line, loaded_rows, rejected_rows, error FROM import_jobs ";

// Queued, or running under a lease that ran out or was released (NULL).
constexpr const char* kClaimable =
    "(status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < ?)))";

ImportJob read_row(const db::Row& r) {
  ImportJob j;
  j.id = r.text(0);
  j.content_sha256 = r.text(1);
  j.file_path = r.text(2);
  j.status = r.text(3);
  j.created_by = r.text(4);
  j.created_at = r.text(5);
  j.started_at = r.optional_text(6);
  j.finished_at = r.optional_text(7);
  j.last_committed_line = r.int64(8);
  j.loaded_rows = r.int64(9);
  j.rejected_rows = r.int64(10);
  j.error = r.optional_text(11);
  return j;
}

}  // namespace

bool create(db::Connection& c, const ImportJob& job) {
  return c
      .query_int64(
          "INSERT INTO import_jobs (id, content_sha256, file_path, status, created_by, created_at) "
          "VALUES (?,?,?,?,?,?) ON CONFLICT (content_sha256) DO NOTHING RETURNING 1",
          {job.id, job.content_sha256, job.file_path, job.status, job.created_by, job.created_at})
      .has_value();
}

std::optional<ImportJob> find(db::Connection& c, const std::string& id) {
  return c.query_one(std::string{kSelect} + "WHERE id = ?", {id}, read_row);
}

std::optional<ImportJob> find_by_content(db::Connection& c, const std::string& sha256) {
  return c.query_one(std::string{kSelect} + "WHERE content_sha256 = ?", {sha256}, read_row);
}

std::vector<std::string> claimable(db::Connection& c, long long now_ms) {
  return c.query_all(
      std::string{"SELECT id FROM import_jobs WHERE "} + kClaimable + " ORDER BY created_at, id", {now_ms},
      [](const db::Row& r) { return r.text(0); });
}

bool claim(db::Connection& c, const std::string& id, const ImportClaim& claim, long long now_ms,
           const std::string& now) {
  // With several replicas, two claimants' UPDATEs of one row run one after the other (PostgreSQL
  // re-checks the WHERE against the row the first committed; SQLite has one writer): one changes it.
  return c.exec(std::string{"UPDATE import_jobs SET status = 'running', claimed_by = ?, lease_until = ?, "
                            "started_at = coalesce(started_at, ?) WHERE id = ? AND "} +
                    kClaimable,
                {claim.runner, claim.lease_until_ms, now, id, now_ms}) == 1;
}

void release(db::Connection& c, const std::string& id, const std::string& runner) {
  c.exec("UPDATE import_jobs SET lease_until = NULL WHERE id = ? AND claimed_by = ? AND status = 'running'",
         {id, runner});
}

bool commit_batch(db::Connection& c, const std::string& id, const ImportClaim& claim, long long last_line,
                  long long loaded, const std::vector<Rejection>& rejections) {
  // rejected_rows counts lines, not errors: a line may have several.
  long long rejected_lines = 0;
  for (std::size_t i = 0; i < rejections.size(); ++i)
    rejected_lines += i == 0 || rejections[i].line != rejections[i - 1].line;
  if (c.exec("UPDATE import_jobs SET last_committed_line = ?, loaded_rows = loaded_rows + ?, "
             "rejected_rows = rejected_rows + ?, lease_until = ? "
             "WHERE id = ? AND claimed_by = ? AND status = 'running'",
             {last_line, loaded, rejected_lines, claim.lease_until_ms, id, claim.runner}) != 1)
    return false;
  // ordinal keeps a line's errors in the order they were found (the report's order).
  for (std::size_t i = 0; i < rejections.size(); ++i) {
    const auto& r = rejections[i];
    c.exec(
        "INSERT INTO import_rejections (job_id, line, ordinal, field, code, message_es, message_en) "
        "VALUES (?,?,?,?,?,?,?)",
        {id, r.line, i, r.error.field, r.error.code, r.error.message.es, r.error.message.en});
  }
  return true;
}

bool finish(db::Connection& c, const std::string& id, const std::string& runner, const std::string& status,
            const std::string& now, const std::optional<std::string>& error) {
  return c.exec(
             "UPDATE import_jobs SET status = ?, finished_at = ?, error = ?, lease_until = NULL "
             "WHERE id = ? AND claimed_by = ? AND status = 'running'",
             {status, now, error, id, runner}) == 1;
}

std::vector<Rejection> rejections(db::Connection& c, const std::string& id, const PageRequest& page) {
  return c.query_all(
      "SELECT line, field, code, message_es, message_en FROM import_rejections WHERE job_id = ? "
      "ORDER BY line, ordinal LIMIT ? OFFSET ?",
      {id, page.per_page, (page.page - 1) * page.per_page}, [](const db::Row& r) {
        return Rejection{r.int64(0), core::FieldError{r.text(1), r.text(2), {r.text(3), r.text(4)}}};
      });
}

long long count_rejections(db::Connection& c, const std::string& id) {
  return c.query_int64("SELECT count(*) FROM import_rejections WHERE job_id = ?", {id}).value_or(0);
}

}  // namespace portal::affiliates::import_store
