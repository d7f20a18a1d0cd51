#pragma once
// What every inconsistencies route needs, passed in (no globals). The pointers are null only when the
// routes are built to be listed (--list-routes).
#include <string>

#include "attachment.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"

namespace portal::catalog {
class Catalogs;
}
namespace portal::http {
class IdempotencyStore;
}
namespace portal::events {
class Relay;
}
namespace portal::mail {
class Outbox;
}
namespace portal::directory {
class AffiliateDirectory;
class ProviderDirectory;
}  // namespace portal::directory

namespace portal::inconsistencies {

class AttachmentFiles;
class InconsistencyMetrics;
class RegistryClient;

struct InconsistenciesContext {
  const core::Clock& clock;
  core::Logger& logger;
  const catalog::Catalogs* catalogs = nullptr;
  db::Database* db = nullptr;
  http::IdempotencyStore* idempotency = nullptr;
  directory::AffiliateDirectory* affiliates = nullptr;  // lookups with the caller's token (INC-1 type)
  directory::ProviderDirectory* providers = nullptr;    // the provider's name, branch and e-mail
  RegistryClient* registry = nullptr;                   // writes with the service token (INC-3)
  AttachmentFiles* files = nullptr;
  events::Relay* events = nullptr;
  mail::Outbox* outbox = nullptr;
  InconsistencyMetrics* metrics = nullptr;
  std::string insurer = "EPS Demo";   // PORTAL_PAYER_NAME: the manual's "MUTUAL" in the type labels
  std::string payer_code = "EPS000";  // PORTAL_PAYER_CODE (Res. 2335 field 8)
  std::string public_url = "http://localhost:8080";  // PORTAL_PUBLIC_URL: base of the links in e-mails
  ZipLimits zip_limits;
};

}  // namespace portal::inconsistencies
