#pragma once
// Demo data for `make run` (PORTAL_DEMO=true only; never in a production configuration): the providers,
// users, employees and integrator client listed in the team brief. Idempotent across restarts.
#include "portal/core/clock.hpp"
#include "portal/db/database.hpp"

namespace portal::auth {

inline constexpr const char* kDemoPassword = "Demo.2026";

// Returns true when it created the data, false when it was already there. with_activity: also two contact
// cases and some survey answers (PORTAL_DEMO_ACTIVITY, set by `make run`; the tests count from empty).
bool seed_demo_data(db::Database& db, const core::Clock& clock, bool with_activity = false);

}  // namespace portal::auth
