#pragma once
// Demo data (PORTAL_DEMO=true, issue 16 item 5): referrals in every state between the demo providers (IPS
// Demo Salud 900000001 and Clínica Ejemplo del Caribe 900000002) about the affiliates service's demo people —
// open, in process (accepted, with an ambulance), closed on arrival, closed by cancellation — and an open one
// for the newborn "hijo de" CC 1000000001 child 1. María herself (CC 1000000001) has none, so the demo agent
// can register one and run it to closure. Seeded once: a restart finds them and adds nothing.
#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/db/database.hpp"

namespace portal::referrals {

bool seed_demo_referrals(db::Database& db, const core::Clock& clock, const catalog::Catalogs& catalogs);

}  // namespace portal::referrals
