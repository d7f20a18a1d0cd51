#pragma once
// Issue 17 item 3: demo reports of the demo provider (900000001) in several states, each with a small
// attachment, on an empty database (PORTAL_DEMO=true). The pending one is of type not_in_database, so the
// demo auditor can process it as processed_pre_affiliated and see the person in the registry.
#include "attachment_files.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/db/database.hpp"

namespace portal::inconsistencies {

bool seed_demo_reports(db::Database& db, const AttachmentFiles& files, const core::Clock& clock,
                       const catalog::Catalogs& catalogs);

}  // namespace portal::inconsistencies
