#include "affiliate_store.hpp"

#include "affiliate_rules.hpp"

namespace portal::affiliates::affiliate_store {
namespace {

constexpr const char* kColumns =
    "id, document_type, document_number, first_name, second_name, first_surname, second_surname, birth_date, "
    "sex, regime, affiliation_status, data_quality, municipality_code, address, phone, mobile, email, "
    "newborn_of_type, newborn_of_number, child_number, version, created_at, updated_at";

// The data columns written by insert/upsert/update, bound by data_params in this order (names first).
constexpr const char* kDataColumns =
    "document_type, document_number, first_name, second_name, first_surname, second_surname, "
    "search_first_name, search_second_name, search_first_surname, search_second_surname, birth_date, sex, "
    "regime, affiliation_status, data_quality, municipality_code, address, phone, mobile, email, "
    "newborn_of_type, newborn_of_number, child_number";
constexpr const char* kDataPlaceholders = "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?";

// The version is qualified: PostgreSQL would find a bare `version` ambiguous next to excluded.version.
constexpr const char* kUpdateSet =
    "first_name = excluded.first_name, second_name = excluded.second_name, "
    "first_surname = excluded.first_surname, second_surname = excluded.second_surname, "
    "search_first_name = excluded.search_first_name, search_second_name = excluded.search_second_name, "
    "search_first_surname = excluded.search_first_surname, "
    "search_second_surname = excluded.search_second_surname, birth_date = excluded.birth_date, "
    "sex = excluded.sex, regime = excluded.regime, affiliation_status = excluded.affiliation_status, "
    "data_quality = excluded.data_quality, municipality_code = excluded.municipality_code, "
    "address = excluded.address, phone = excluded.phone, mobile = excluded.mobile, email = excluded.email, "
    "newborn_of_type = excluded.newborn_of_type, newborn_of_number = excluded.newborn_of_number, "
    "child_number = excluded.child_number, version = affiliates.version + 1, updated_at = "
    "excluded.updated_at";

const std::string& insert_values() {
  static const std::string sql = std::string{"INSERT INTO affiliates ("} + kDataColumns +
                                 ", created_at, updated_at) VALUES (" + kDataPlaceholders + ", ?, ?) ";
  return sql;
}

Affiliate read_row(const db::Row& r) {
  Affiliate a;
  a.id = r.int64(0);
  a.document_type = r.optional_text(1);
  a.document_number = r.optional_text(2);
  a.first_name = r.text(3);
  a.second_name = r.optional_text(4);
  a.first_surname = r.text(5);
  a.second_surname = r.optional_text(6);
  a.birth_date = r.text(7);
  a.sex = r.text(8);
  a.regime = r.text(9);
  a.affiliation_status = r.text(10);
  a.data_quality = r.text(11);
  a.municipality_code = r.text(12);
  a.address = r.optional_text(13);
  a.phone = r.optional_text(14);
  a.mobile = r.optional_text(15);
  a.email = r.optional_text(16);
  a.newborn_of_type = r.optional_text(17);
  a.newborn_of_number = r.optional_text(18);
  a.child_number = r.optional_int64(19);
  a.version = r.int64(20);
  a.created_at = r.text(21);
  a.updated_at = r.text(22);
  return a;
}

std::optional<std::string> folded(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  return fold_for_search(*v);
}

// kDataColumns, in order.
db::Params data_params(const Affiliate& a) {
  return {a.document_type,
          a.document_number,
          a.first_name,
          a.second_name,
          a.first_surname,
          a.second_surname,
          fold_for_search(a.first_name),
          folded(a.second_name),
          fold_for_search(a.first_surname),
          folded(a.second_surname),
          a.birth_date,
          a.sex,
          a.regime,
          a.affiliation_status,
          a.data_quality,
          a.municipality_code,
          a.address,
          a.phone,
          a.mobile,
          a.email,
          a.newborn_of_type,
          a.newborn_of_number,
          a.child_number};
}

std::string select_from() { return std::string{"SELECT "} + kColumns + " FROM affiliates "; }

// WHERE clause of a search and its parameters, in the same order.
std::string search_where(const SearchCriteria& c, db::Params& params) {
  // Surname exact, first name by prefix: both served by affiliates_name_search. The range is bytewise
  // on both backends (the search_* columns use PostgreSQL's "C" collation, SQLite's BINARY).
  std::string sql = "WHERE search_first_surname = ? AND search_first_name >= ? AND search_first_name < ?";
  params.insert(params.end(), {c.first_surname, c.first_name, c.first_name + "\x7f"});
  // PostgreSQL cannot type a bare length(?): the cast says it is text.
  if (c.second_name) {
    sql += " AND substr(search_second_name, 1, length(CAST(? AS TEXT))) = ?";
    params.insert(params.end(), {*c.second_name, *c.second_name});
  }
  if (c.second_surname) {
    sql += " AND substr(search_second_surname, 1, length(CAST(? AS TEXT))) = ?";
    params.insert(params.end(), {*c.second_surname, *c.second_surname});
  }
  if (c.municipality_code) {
    sql += " AND municipality_code = ?";
    params.emplace_back(*c.municipality_code);
  }
  return sql;
}

}  // namespace

std::optional<Affiliate> find_by_document(db::Connection& c, const std::string& type,
                                          const std::string& number) {
  return c.query_one(select_from() + "WHERE document_type = ? AND document_number = ?", {type, number},
                     read_row);
}

std::optional<Affiliate> find_by_id(db::Connection& c, long long id) {
  return c.query_one(select_from() + "WHERE id = ?", {id}, read_row);
}

std::vector<Affiliate> newborns_of(db::Connection& c, const std::string& type, const std::string& number) {
  return c.query_all(
      select_from() +
          "WHERE newborn_of_type = ? AND newborn_of_number = ? AND newborn_of_number IS NOT NULL "
          "ORDER BY child_number, id",
      {type, number}, read_row);
}

std::optional<Affiliate> find_newborn(db::Connection& c, const std::string& mother_type,
                                      const std::string& mother_number, long long child_number) {
  return c.query_one(select_from() +
                         "WHERE newborn_of_type = ? AND newborn_of_number = ? AND child_number = ? "
                         "AND document_number IS NULL",
                     {mother_type, mother_number, child_number}, read_row);
}

std::vector<Affiliate> search(db::Connection& c, const SearchCriteria& criteria, const PageRequest& page) {
  db::Params params;
  const auto where = search_where(criteria, params);
  params.insert(params.end(), {page.per_page, (page.page - 1) * page.per_page});
  return c.query_all(
      select_from() + where + " ORDER BY search_first_surname, search_first_name, id LIMIT ? OFFSET ?",
      params, read_row);
}

long long count_search(db::Connection& c, const SearchCriteria& criteria) {
  db::Params params;
  const auto where = search_where(criteria, params);
  return c.query_int64("SELECT count(*) FROM affiliates " + where, params).value_or(0);
}

std::optional<long long> insert(db::Connection& c, const Affiliate& a, const std::string& now) {
  static const std::string sql = insert_values() + "ON CONFLICT DO NOTHING RETURNING id";
  auto params = data_params(a);
  params.insert(params.end(), {now, now});
  return c.query_int64(sql, params);
}

bool update(db::Connection& c, const Affiliate& a, const std::string& now) {
  auto params = data_params(a);
  params.insert(params.end(), {now, a.id, a.version});
  return c.exec(
             "UPDATE affiliates SET document_type = ?, document_number = ?, first_name = ?, second_name = ?, "
             "first_surname = ?, second_surname = ?, search_first_name = ?, search_second_name = ?, "
             "search_first_surname = ?, search_second_surname = ?, birth_date = ?, sex = ?, regime = ?, "
             "affiliation_status = ?, data_quality = ?, municipality_code = ?, address = ?, phone = ?, "
             "mobile = ?, email = ?, newborn_of_type = ?, newborn_of_number = ?, child_number = ?, "
             "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
             params) == 1;
}

long long count(db::Connection& c) { return c.query_int64("SELECT count(*) FROM affiliates").value_or(0); }

void upsert(db::Connection& c, const Affiliate& a, const std::string& now) {
  static const std::string by_document =
      insert_values() + "ON CONFLICT (document_type, document_number) DO UPDATE SET " + kUpdateSet;
  // The newborn key is a partial unique index: the conflict target names its predicate.
  static const std::string by_newborn_key =
      insert_values() +
      "ON CONFLICT (newborn_of_type, newborn_of_number, child_number) WHERE document_number IS NULL "
      "DO UPDATE SET " +
      kUpdateSet;
  auto params = data_params(a);
  params.insert(params.end(), {now, now});
  c.exec(a.document_number ? by_document : by_newborn_key, params);
}

}  // namespace portal::affiliates::affiliate_store
