#pragma once
// Demo affiliates (PORTAL_DEMO=true): a few notable people every later service's rules can be shown
// with (listed in docs/affiliates.md), plus generated ones of varied ages, sexes, municipalities and
// statuses. Deterministic (fixed pseudo-random sequence, ages relative to the seeding day) and seeded
// once: a restart finds them and adds nothing.
#include <vector>

#include "affiliate.hpp"
#include "portal/core/clock.hpp"
#include "portal/db/database.hpp"

namespace portal::affiliates {

inline constexpr int kDemoGeneratedAffiliates = 230;

// The demo roster for a given Bogotá day (pure, for tests and the seeder).
std::vector<Affiliate> demo_affiliates(std::chrono::year_month_day today);

// Inserts the roster unless it is already there; true when it inserted. Safe when several replicas seed
// one database at once: each affiliate is stored once.
bool seed_demo_affiliates(db::Database& db, const core::Clock& clock);

}  // namespace portal::affiliates
