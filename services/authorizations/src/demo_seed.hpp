#pragma once
// Demo data (PORTAL_DEMO=true, issue 12 item 7): requests of today in every light for the demo provider (NIT
// 900000001, IPS Demo Salud S.A.S.) about the demo affiliates of the affiliates service — one approved at
// once (laboratory), a pending emergency one past its due_at (yellow), a pending hospitalization one past its
// due_at (red), and a pending outpatient one (white) — each judged by the default rule set, plus contracts
// for the demo providers; DEMO-0005 (two lines) held for the auditor's partial decision; and, issue 13, a
// year of decided requests and used authorizations (demo_history.hpp). Seeded once: a restart finds them and
// adds nothing. In the first 2 h (yellow) or 6 h (red) of a Bogotá day no request of that day can be overdue
// yet: those show white until then.
#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/db/database.hpp"
#include "traffic_light.hpp"

namespace portal::authorizations {

inline constexpr const char* kDemoProviderNit = "900000001";

bool seed_demo_authorizations(db::Database& db, const core::Clock& clock, const catalog::Catalogs& catalogs,
                              const DueTimes& due_times);

}  // namespace portal::authorizations
