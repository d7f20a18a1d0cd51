#pragma once
// SQL for AFF-4 import jobs and their per-line rejection report.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "affiliate_store.hpp"
#include "portal/core/errors.hpp"

namespace portal::affiliates {

struct ImportJob {
  std::string id;
  std::string content_sha256;
  std::string file_path;
  std::string status;  // queued | running | completed | failed
  std::string created_by;
  std::string created_at;
  std::optional<std::string> started_at;
  std::optional<std::string> finished_at;
  long long last_committed_line = 0;  // lines up to here are loaded or reported (resume point)
  long long loaded_rows = 0;
  long long rejected_rows = 0;
  std::optional<std::string> error;
};

struct Rejection {
  long long line = 0;
  core::FieldError error;
};

namespace import_store {

void create(SQLite::Database& db, const ImportJob& job);
std::optional<ImportJob> find(SQLite::Database& db, const std::string& id);
std::optional<ImportJob> find_by_content(SQLite::Database& db, const std::string& sha256);
// Jobs a restart must pick up again, oldest first.
std::vector<std::string> unfinished(SQLite::Database& db);
void mark_running(SQLite::Database& db, const std::string& id, const std::string& now);
// One batch: its rejections and the new resume point, in the caller's transaction.
void commit_batch(SQLite::Database& db, const std::string& id, long long last_line, long long loaded,
                  const std::vector<Rejection>& rejections);
void finish(SQLite::Database& db, const std::string& id, const std::string& status, const std::string& now,
            const std::optional<std::string>& error);
std::vector<Rejection> rejections(SQLite::Database& db, const std::string& id, const PageRequest& page);
long long count_rejections(SQLite::Database& db, const std::string& id);

}  // namespace import_store
}  // namespace portal::affiliates
