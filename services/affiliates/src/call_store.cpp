#include "call_store.hpp"

#include <stdexcept>

namespace portal::affiliates::call_store {
namespace {

constexpr const char* kSelect =
    "SELECT c.id, call_type, caller_type, caller_name, caller_phone, provider_nit, provider_name, "
    "provider_municipality_code, a.document_type, a.document_number, action, procedure, other_text, notes, "
    "agent, c.created_at, c.affiliate_id FROM calls c LEFT JOIN affiliates a ON a.id = c.affiliate_id ";

CallRecord read_row(const db::Row& r) {
  CallRecord out;
  out.id = r.int64(0);
  out.call.call_type = r.text(1);
  out.call.caller_type = r.text(2);
  out.call.caller_name = r.text(3);
  out.call.caller_phone = r.optional_text(4);
  out.call.provider_nit = r.optional_text(5);
  out.call.provider_name = r.optional_text(6);
  out.call.provider_municipality_code = r.optional_text(7);
  out.call.affiliate_document_type = r.optional_text(8);
  out.call.affiliate_document_number = r.optional_text(9);
  out.call.action = r.text(10);
  out.call.procedure = r.optional_text(11);
  out.call.other_text = r.optional_text(12);
  out.call.notes = r.optional_text(13);
  out.agent = r.text(14);
  out.created_at = r.text(15);
  out.affiliate_id = r.optional_int64(16);
  return out;
}

// WHERE clause of a filter and its parameters, in the same order.
std::string where(const CallFilter& f, db::Params& params) {
  std::string sql = "WHERE 1 = 1";
  if (f.date) {
    sql += " AND bogota_date = ?";
    params.emplace_back(*f.date);
  }
  if (f.agent) {
    sql += " AND agent = ?";
    params.emplace_back(*f.agent);
  }
  if (f.action) {
    sql += " AND action = ?";
    params.emplace_back(*f.action);
  }
  return sql;
}

}  // namespace

long long insert(db::Connection& c, const CallRecord& r, const std::string& bogota_date) {
  const auto id = c.query_int64(
      "INSERT INTO calls (call_type, caller_type, caller_name, caller_phone, provider_nit, provider_name, "
      "provider_municipality_code, affiliate_id, action, procedure, other_text, notes, agent, created_at, "
      "bogota_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {r.call.call_type, r.call.caller_type, r.call.caller_name, r.call.caller_phone, r.call.provider_nit,
       r.call.provider_name, r.call.provider_municipality_code, r.affiliate_id, r.call.action,
       r.call.procedure, r.call.other_text, r.call.notes, r.agent, r.created_at, bogota_date});
  if (!id) throw std::logic_error("INSERT INTO calls returned no id");
  return *id;
}

std::optional<CallRecord> find(db::Connection& c, long long id) {
  return c.query_one(std::string{kSelect} + "WHERE c.id = ?", {id}, read_row);
}

std::vector<CallRecord> list(db::Connection& c, const CallFilter& filter, const PageRequest& page) {
  db::Params params;
  const auto sql = std::string{kSelect} + where(filter, params) + " ORDER BY c.id DESC LIMIT ? OFFSET ?";
  params.insert(params.end(), {page.per_page, (page.page - 1) * page.per_page});
  return c.query_all(sql, params, read_row);
}

long long count(db::Connection& c, const CallFilter& filter) {
  db::Params params;
  const auto sql = "SELECT count(*) FROM calls " + where(filter, params);
  return c.query_int64(sql, params).value_or(0);
}

}  // namespace portal::affiliates::call_store
