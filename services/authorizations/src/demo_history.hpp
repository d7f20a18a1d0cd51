#pragma once
// Demo data of issue 13 (item 8), seeded with the requests of issue 12 and in the same transaction: decided
// requests in every state (approved by an auditor, approved at once, denied, partially approved, referred,
// annulled) and, month by month from 1 January of the current Bogotá year to today, authorizations used and
// unused, so the AUT-9 indicators and the decision metrics show real curves. The people are synthetic
// snapshots (documents 10900000xx, affiliate ids from 90,000,001) so the history fact of the live demo
// affiliates (same code within 30 days) is not disturbed. Deterministic: the same day gives the same data.
#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/db/connection.hpp"

namespace portal::authorizations {

// Returns how many requests it inserted.
int seed_demo_history(db::Connection& c, core::Instant now, const catalog::Catalogs& catalogs,
                      long long rule_set_version);

}  // namespace portal::authorizations
