#include "replay_store.hpp"

#include <rapidjson/document.h>

#include <limits>

#include "portal/json/json.hpp"

namespace portal::authorizations::replay_store {
namespace {

long long to_ms(core::Instant t) { return t.time_since_epoch().count(); }
core::Instant from_ms(long long ms) { return core::Instant{std::chrono::milliseconds{ms}}; }

// One row per line, its request's columns repeated. The contract and history facts are index lookups per
// line (provider_contracts' key; request_lines_history), so the query is one pass over the range.
constexpr const char* kReplaySql =
    "SELECT r.id, r.rule_set_version, r.created_at, r.service_type, r.priority, r.patient_location, "
    "r.service, r.principal_diagnosis, r.related_diagnoses, r.affiliate_id, r.birth_date, r.sex, r.regime, "
    "r.affiliation_status, r.municipality_code, "
    "l.line_type, l.code, l.classification, l.quantity, l.approved, "
    "CASE WHEN EXISTS (SELECT 1 FROM provider_contracts pc WHERE pc.provider_nit = r.provider_nit AND "
    "pc.code = l.code) THEN 1 ELSE 0 END, "
    "(SELECT MAX(h.created_at) FROM request_lines h WHERE h.affiliate_id = l.affiliate_id AND "
    "h.code = l.code AND h.request_id < l.request_id) "
    "FROM authorization_requests r JOIN request_lines l ON l.request_id = r.id "
    "WHERE r.created_at >= ? AND r.created_at < ? ORDER BY r.id, l.position";

std::pair<long long, long long> bounds(const TimeRange& range) {
  return {range.from ? to_ms(*range.from) : std::numeric_limits<long long>::min(),
          range.to ? to_ms(*range.to) : std::numeric_limits<long long>::max()};
}

}  // namespace

std::vector<long long> rule_set_versions(db::Connection& db, const TimeRange& range) {
  const auto [from, to] = bounds(range);
  return db.query_all(
      "SELECT DISTINCT rule_set_version FROM authorization_requests WHERE created_at >= ? AND created_at < ?",
      {from, to}, [](const db::Row& row) { return row.int64(0); });
}

long long for_each_request(db::Connection& db, const TimeRange& range,
                           const std::function<void(const ReplayRequest&)>& each) {
  const auto [from, to] = bounds(range);
  long long count = 0;
  ReplayRequest current;
  bool open = false;
  const auto flush = [&] {
    if (!open) return;
    each(current);
    ++count;
    open = false;
  };
  db.query(kReplaySql, {from, to}, [&](const db::Row& row) {
    const long long id = row.int64(0);
    if (!open || current.id != id) {
      flush();
      current = ReplayRequest{};
      current.id = id;
      current.rule_set_version = row.int64(1);
      current.created_at = from_ms(row.int64(2));
      auto& d = current.draft;
      d.service_type = row.text(3);
      d.priority = row.optional_text(4);
      d.patient_location = row.text(5);
      d.service = row.text(6);
      d.diagnoses.principal = row.text(7);
      d.diagnoses.related = json::parse_string_array(row.text(8));
      auto& a = current.affiliate;
      a.id = row.int64(9);
      a.birth_date = row.text(10);
      a.sex = row.text(11);
      a.regime = row.text(12);
      a.affiliation_status = row.text(13);
      a.municipality_code = row.text(14);
      open = true;
    }
    RequestLine line;
    line.type = parse_line_type(row.text(15)).value_or(LineType::procedure);
    line.code = row.text(16);
    line.classification = row.text(17);
    line.quantity = static_cast<int>(row.int64(18));
    current.stored_approved.push_back(row.int64(19) != 0);
    if (row.int64(20) != 0) current.sources.contracted_codes.insert(line.code);
    if (!row.is_null(21)) current.sources.last_requested[line.code] = from_ms(row.int64(21));
    current.draft.lines.push_back(std::move(line));
  });
  flush();
  return count;
}

}  // namespace portal::authorizations::replay_store
