#pragma once
// SQL for the affiliates table (AFF-1..AFF-4). No rules here: callers validate first. One SQL text for
// SQLite and PostgreSQL (issue 8); the search_* columns compare bytewise on both (migration 0002), so a
// search finds and orders the same rows on either.
#include <optional>
#include <string>
#include <vector>

#include "affiliate.hpp"
#include "portal/db/connection.hpp"
#include "portal/http/pagination.hpp"

namespace portal::affiliates {

struct SearchCriteria {  // AFF-3, values already folded with fold_for_search
  std::string first_name;
  std::string first_surname;
  std::optional<std::string> second_name;
  std::optional<std::string> second_surname;
  std::optional<std::string> municipality_code;
};

using PageRequest = http::PageRequest;

namespace affiliate_store {

std::optional<Affiliate> find_by_document(db::Connection& c, const std::string& type,
                                          const std::string& number);
std::optional<Affiliate> find_by_id(db::Connection& c, long long id);
// "hijo de": the newborns registered under a mother's document, by child number.
std::vector<Affiliate> newborns_of(db::Connection& c, const std::string& type, const std::string& number);
// A newborn without its own document, by its key.
std::optional<Affiliate> find_newborn(db::Connection& c, const std::string& mother_type,
                                      const std::string& mother_number, long long child_number);
std::vector<Affiliate> search(db::Connection& c, const SearchCriteria& criteria, const PageRequest& page);
long long count_search(db::Connection& c, const SearchCriteria& criteria);
// Inserts (created_at = updated_at = now) and returns the new id; nullopt, writing nothing, when an
// affiliate with the same document (or newborn key) is already registered, also one a concurrent
// transaction has just committed (no unique-violation error to recover from).
std::optional<long long> insert(db::Connection& c, const Affiliate& a, const std::string& now);
// Overwrites every field of a.id and increments its version, only if the stored version is still
// a.version; false, writing nothing, when another transaction changed the affiliate since it was read.
bool update(db::Connection& c, const Affiliate& a, const std::string& now);
long long count(db::Connection& c);

// AFF-4: upsert by document (or by the newborn key when it has none).
void upsert(db::Connection& c, const Affiliate& a, const std::string& now);

}  // namespace affiliate_store
}  // namespace portal::affiliates
