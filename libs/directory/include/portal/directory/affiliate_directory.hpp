#pragma once
// Issue 4 item 3 (shared since issue 12): the affiliate a request is about, asked of the affiliates service
// over HTTP (GET /api/v1/affiliates?document_type=&document_number=) with the caller's bearer token, mapped
// to AffiliateFacts. Answers are cached briefly by document (the answer holds the person and its "hijo de"
// newborns, so a newborn lookup shares its mother's entry). Not found is not cached: an affiliate the
// EPS has just loaded must be usable at once.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/directory/affiliate.hpp"
#include "portal/directory/ttl_cache.hpp"
#include "portal/http/client.hpp"

namespace portal::directory {

enum class LookupStatus {
  found,
  not_found,    // 404 from the directory, or no newborn with that child number → 422
  unavailable,  // connection refused, timeout, open circuit, 5xx, unexpected answer → 503, nothing stored
};

struct AffiliateLookup {
  LookupStatus status = LookupStatus::unavailable;
  std::optional<AffiliateFacts> facts;
};

struct DirectoryCacheOptions {
  std::chrono::milliseconds ttl{30000};
  std::size_t max_entries = 10000;
};

class AffiliateDirectory {
 public:
  AffiliateDirectory(http::Client& client, const core::Clock& clock, core::Logger& logger,
                     DirectoryCacheOptions cache = {});

  AffiliateLookup find(const AffiliateRef& ref, const std::string& bearer_token,
                       const std::string& request_id);

  // The affiliates service's JSON (a person with its "newborns") as facts: the person first, then each
  // newborn (document = the mother's, child_number set). Exposed for unit tests.
  static std::optional<std::vector<AffiliateFacts>> parse_lookup(const std::string& body);

 private:
  http::Client& client_;
  core::Logger& logger_;
  TtlCache<std::vector<AffiliateFacts>> cache_;
};

}  // namespace portal::directory
