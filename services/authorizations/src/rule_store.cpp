// SQL of the rule sets (AUT-2 versions, one active) and the provider contracts.
#include "authorization_store.hpp"

namespace portal::authorizations::authorization_store {
namespace {

long long to_ms(core::Instant t) { return t.time_since_epoch().count(); }
core::Instant from_ms(long long ms) { return core::Instant{std::chrono::milliseconds{ms}}; }

StoredRuleSet read_rule_set(const db::Row& r) {
  StoredRuleSet s;
  s.version = r.int64(0);
  s.name = r.text(1);
  s.document = r.text(2);
  s.uploaded_at = from_ms(r.int64(3));
  s.uploaded_by = r.text(4);
  s.active = r.int32(5) != 0;
  if (!r.is_null(6)) s.activated_at = from_ms(r.int64(6));
  s.activated_by = r.optional_text(7);
  return s;
}

constexpr const char* kRuleSetColumns =
    "version, name, document, uploaded_at, uploaded_by, active, activated_at, activated_by";

}  // namespace

std::set<std::string> contracted_codes(db::Connection& db, const std::string& provider_nit) {
  std::set<std::string> out;
  db.query("SELECT code FROM provider_contracts WHERE provider_nit = ?", {provider_nit},
           [&](const db::Row& r) { out.insert(r.text(0)); });
  return out;
}

std::set<std::string> contracted_codes(db::Connection& db, const std::string& provider_nit,
                                       const std::vector<std::string>& codes) {
  std::set<std::string> out;
  if (codes.empty()) return out;
  std::string placeholders;
  db::Params params{provider_nit};
  for (const auto& code : codes) {
    placeholders += placeholders.empty() ? "?" : ",?";
    params.emplace_back(code);
  }
  db.query("SELECT code FROM provider_contracts WHERE provider_nit = ? AND code IN (" + placeholders + ")",
           params, [&](const db::Row& r) { out.insert(r.text(0)); });
  return out;
}

long long replace_contract(db::Connection& db, const std::string& provider_nit,
                           const std::set<std::string>& codes, core::Instant at) {
  db.exec("DELETE FROM provider_contracts WHERE provider_nit = ?", {provider_nit});
  for (const auto& code : codes) {
    db.exec("INSERT INTO provider_contracts (provider_nit, code, loaded_at) VALUES (?, ?, ?)",
            {provider_nit, code, to_ms(at)});
  }
  return static_cast<long long>(codes.size());
}

long long insert_rule_set(db::Connection& db, const std::string& name, const std::string& document,
                          core::Instant at, const std::string& by) {
  return *db.query_int64(
      "INSERT INTO rule_sets (name, document, uploaded_at, uploaded_by, active) VALUES (?, ?, ?, ?, 0) "
      "RETURNING version",
      {name, document, to_ms(at), by});
}

bool activate_rule_set(db::Connection& db, long long version, core::Instant at, const std::string& by) {
  if (!db.exists("SELECT 1 FROM rule_sets WHERE version = ?", {version})) return false;
  // One transaction (the caller's): the old version stops and the new one starts together.
  db.exec("UPDATE rule_sets SET active = 0 WHERE active = 1 AND version <> ?", {version});
  db.exec(
      "UPDATE rule_sets SET active = 1, activated_at = ?, activated_by = ? WHERE version = ? AND active = 0",
      {to_ms(at), by, version});
  return true;
}

std::optional<StoredRuleSet> active_rule_set(db::Connection& db) {
  return db.query_one(std::string{"SELECT "} + kRuleSetColumns + " FROM rule_sets WHERE active = 1", {},
                      read_rule_set);
}

std::optional<long long> active_rule_set_version(db::Connection& db) {
  return db.query_int64("SELECT version FROM rule_sets WHERE active = 1");
}

std::optional<StoredRuleSet> find_rule_set(db::Connection& db, long long version) {
  return db.query_one(std::string{"SELECT "} + kRuleSetColumns + " FROM rule_sets WHERE version = ?",
                      {version}, read_rule_set);
}

std::vector<StoredRuleSet> rule_sets(db::Connection& db, int page, int per_page) {
  return db.query_all(
      std::string{"SELECT "} + kRuleSetColumns + " FROM rule_sets ORDER BY version DESC LIMIT ? OFFSET ?",
      {static_cast<long long>(per_page), static_cast<long long>(page - 1) * per_page}, read_rule_set);
}

long long count_rule_sets(db::Connection& db) {
  return db.query_int64("SELECT COUNT(*) FROM rule_sets").value_or(0);
}

}  // namespace portal::authorizations::authorization_store
