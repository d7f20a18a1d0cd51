#pragma once
// SQL for AFF-4 import jobs and their per-line rejection report.
//
// Several replicas of the service may share one PostgreSQL database (issue 8), so a job runs only where
// it is claimed. A claim is a lease: claim() takes a queued job, or a running one whose lease expired (its
// runner died) or was released (its runner stopped), with one conditional UPDATE; only the replica whose
// UPDATE changed the row runs it. Every committed batch renews the lease and, like finish(), writes only
// while the claim is still the caller's, so a runner that lost its claim can never commit a batch twice.
#include <optional>
#include <string>
#include <vector>

#include "affiliate_store.hpp"
#include "portal/core/errors.hpp"
#include "portal/db/connection.hpp"

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

// Who holds a claim and until when (UTC milliseconds of the runner's clock).
struct ImportClaim {
  std::string runner;
  long long lease_until_ms = 0;
};

namespace import_store {

// false, writing nothing, when a job with the same content exists (also one a concurrent transaction
// has just committed).
bool create(db::Connection& c, const ImportJob& job);
std::optional<ImportJob> find(db::Connection& c, const std::string& id);
std::optional<ImportJob> find_by_content(db::Connection& c, const std::string& sha256);
// Jobs claim() could take now, oldest first.
std::vector<std::string> claimable(db::Connection& c, long long now_ms);
// Marks the job running under `claim` (started_at = now the first time); true only if this call took it.
bool claim(db::Connection& c, const std::string& id, const ImportClaim& claim, long long now_ms,
           const std::string& now);
// Lets another runner (or this one after a restart) take the job at once; it stays `running`.
void release(db::Connection& c, const std::string& id, const std::string& runner);
// One batch: its rejections (sorted by line) and the new resume point, in the caller's transaction, and
// the lease renewed to claim.lease_until_ms. false, writing nothing, when the claim is no longer
// claim.runner's: the caller must then roll back its transaction.
bool commit_batch(db::Connection& c, const std::string& id, const ImportClaim& claim, long long last_line,
                  long long loaded, const std::vector<Rejection>& rejections);
// false, writing nothing, when the claim is no longer runner's.
bool finish(db::Connection& c, const std::string& id, const std::string& runner, const std::string& status,
            const std::string& now, const std::optional<std::string>& error);
std::vector<Rejection> rejections(db::Connection& c, const std::string& id, const PageRequest& page);
long long count_rejections(db::Connection& c, const std::string& id);

}  // namespace import_store
}  // namespace portal::affiliates
