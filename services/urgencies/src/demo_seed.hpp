#pragma once
// Demo notifications (PORTAL_DEMO=true, issue 4 item 4): a few of today and of past Bogotá days for the
// demo provider (NIT 900000001, IPS Demo Salud S.A.S.), about the demo affiliates of the affiliates
// service (services/affiliates/src/demo_seed.cpp: CC 1000000001 and her newborn "hijo de", ...), with
// varied triage classes, origins and destinations. Seeded once: a restart finds them and adds nothing.
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/db/database.hpp"
#include "urgency.hpp"

namespace portal::urgencies {

inline constexpr const char* kDemoProviderNit = "900000001";
inline constexpr const char* kDemoCreatedBy = "demo-seed";

// The demo notifications relative to `now` (pure, for tests and the seeder).
std::vector<Notification> demo_notifications(core::Instant now);

// Issue 11 item 7: one notification on each side of 1 April 2026 in Bogotá (31/03/2026 23:40, a Res. 3047
// Anexo 2; 01/04/2026 00:20, a Res. 2335 emergency care report), at those fixed dates.
std::vector<Notification> demo_boundary_notifications();

// Inserts both sets unless they are already there (each looked for on its own, so a database seeded before
// issue 11 gains the boundary pair); true when it inserted.
bool seed_demo_notifications(db::Database& db, const core::Clock& clock);

}  // namespace portal::urgencies
