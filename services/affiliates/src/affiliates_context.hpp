#pragma once
// What every affiliates route needs, passed in (no globals). db/audit/imports are null only when the
// routes are built to be listed (--list-routes).
#include <cstddef>
#include <string>

#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "reference_data.hpp"

namespace portal::catalog {
class Catalogs;
}
namespace portal::http {
class IdempotencyStore;
}

namespace portal::affiliates {

class LookupAuditLog;
class ImportRunner;
class AffiliateMetrics;

struct AffiliatesContext {
  const core::Clock& clock;
  core::Logger& logger;
  const ReferenceData& ref;
  const catalog::Catalogs* catalogs = nullptr;
  db::Database* db = nullptr;
  LookupAuditLog* audit = nullptr;
  ImportRunner* imports = nullptr;
  std::string imports_dir;      // <data>/imports: uploaded CSV files, deleted when the job ends
  std::string attention_phone;  // PORTAL_ATTENTION_PHONE (Imagen 14: call the line)
  AffiliateMetrics* metrics = nullptr;
  http::IdempotencyStore* idempotency = nullptr;  // SPEC §2 Idempotency-Key on every creating POST

  std::string now_text() const { return core::to_rfc3339(clock.now()); }
};

}  // namespace portal::affiliates
