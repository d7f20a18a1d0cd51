#pragma once
// SQL for the affiliates table (AFF-1..AFF-4). No rules here: callers validate first.
#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "affiliate.hpp"

namespace portal::affiliates {

struct SearchCriteria {  // AFF-3, values already folded with fold_for_search
  std::string first_name;
  std::string first_surname;
  std::optional<std::string> second_name;
  std::optional<std::string> second_surname;
  std::optional<std::string> municipality_code;
};

struct PageRequest {
  long long page = 1;
  long long per_page = 20;
};

namespace affiliate_store {

std::optional<Affiliate> find_by_document(SQLite::Database& db, const std::string& type,
                                          const std::string& number);
std::optional<Affiliate> find_by_id(SQLite::Database& db, long long id);
// "hijo de": the newborns registered under a mother's document, by child number.
std::vector<Affiliate> newborns_of(SQLite::Database& db, const std::string& type, const std::string& number);
// A newborn without its own document, by its key.
std::optional<Affiliate> find_newborn(SQLite::Database& db, const std::string& mother_type,
                                      const std::string& mother_number, long long child_number);
std::vector<Affiliate> search(SQLite::Database& db, const SearchCriteria& criteria, const PageRequest& page);
long long count_search(SQLite::Database& db, const SearchCriteria& criteria);
// Inserts and returns the new id (created_at = updated_at = now).
long long insert(SQLite::Database& db, const Affiliate& a, const std::string& now);
// Overwrites every field of a.id and increments its version.
void update(SQLite::Database& db, const Affiliate& a, const std::string& now);
long long count(SQLite::Database& db);

// AFF-4: upsert by document (or by the newborn key when it has none) with one prepared statement
// reused across a batch.
class Upserter {
 public:
  explicit Upserter(SQLite::Database& db);
  ~Upserter();
  void upsert(const Affiliate& a, const std::string& now);

 private:
  std::unique_ptr<SQLite::Statement> by_document_;
  std::unique_ptr<SQLite::Statement> by_newborn_key_;
};

}  // namespace affiliate_store
}  // namespace portal::affiliates
