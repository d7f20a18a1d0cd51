#pragma once
// AUT-2: the facts the rules engine judges, built from a validated request, the affiliate as the affiliates
// service answered, the CUPS catalog, the provider's contracts and the affiliate's history. Pure: the
// store reads contracts and history beforehand, the clock reading is a parameter.
#include <map>
#include <set>
#include <string>

#include "authorization.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "rules_engine.hpp"

namespace portal::authorizations {

struct FactSources {
  // The codes the provider is contracted for (CUPS, IUM/CUM or device codes).
  std::set<std::string> contracted_codes;
  // For each code of the request: when it was last requested for the same affiliate (any provider).
  std::map<std::string, core::Instant> last_requested;
};

// `lines` and `diagnoses` are the validated ones (RequestCheck). Age is taken on the Bogotá date of `now`.
RequestFacts request_facts(const RequestDraft& draft, const std::vector<RequestLine>& lines,
                           const Diagnoses& diagnoses, const AffiliateFacts& affiliate, core::Instant now,
                           const catalog::Catalogs& catalogs, const FactSources& sources);

}  // namespace portal::authorizations
