#pragma once
// FIN-5 (issue 19): the SQL of glosas, one text for SQLite and PostgreSQL.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "glosa.hpp"
#include "portal/db/database.hpp"

namespace portal::finance::glosa_store {

// Replaces the conciliation and its lines; true when the number was new.
bool upsert(db::Connection& c, const Conciliation& conciliation, long long now_ms, const std::string& by);
long long count_conciliations(db::Connection& c);

struct GlosaFilter {
  std::optional<std::string> provider_nit;  // set: that provider's only
  std::optional<long long> conciliation;
  std::optional<std::string> from, to;  // notified_on, inclusive
  std::optional<std::string> invoice_prefix, invoice_suffix;
};
std::vector<GlosaSummary> summaries(db::Connection& c, const GlosaFilter& filter);
// The conciliation without its lines; nullopt when unknown.
std::optional<Conciliation> find(db::Connection& c, long long number);
// Calls each(line) in load order.
void each_line(db::Connection& c, long long number, const std::function<void(const GlosaLine&)>& each);

}  // namespace portal::finance::glosa_store
