#pragma once
// SQL for the inconsistency reports (SQLite and PostgreSQL, libs/db): insert, find with its steps, the
// INC-4 list, and a processing step applied to the version read.
#include <optional>
#include <string>
#include <vector>

#include "portal/db/connection.hpp"
#include "portal/http/pagination.hpp"
#include "report.hpp"
#include "report_filter.hpp"

namespace portal::inconsistencies::report_store {

long long insert(db::Connection& c, const Report& r);
std::optional<Report> find(db::Connection& c, long long id);
// `own_provider` set: that provider's reports only.
std::vector<Report> list(db::Connection& c, const ReportFilter& f,
                         const std::optional<std::string>& own_provider, const http::PageRequest& page);
long long count(db::Connection& c, const ReportFilter& f, const std::optional<std::string>& own_provider);
// Moves the report to step.to if it is still at `version`; false when another step came first.
bool apply_step(db::Connection& c, long long report_id, long long version, const ProcessingStep& step);
// A stored file name some report points at (the orphan sweep keeps those).
bool attachment_referenced(db::Connection& c, const std::string& stored_name);
long long count_all(db::Connection& c);

}  // namespace portal::inconsistencies::report_store
