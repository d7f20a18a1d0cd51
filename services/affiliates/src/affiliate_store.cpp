#include "affiliate_store.hpp"

#include "affiliate_rules.hpp"

namespace portal::affiliates::affiliate_store {
namespace {

constexpr const char* kColumns =
    "id, document_type, document_number, first_name, second_name, first_surname, second_surname, birth_date, "
    "sex, "
    "regime, affiliation_status, data_quality, municipality_code, address, phone, mobile, email, "
    "newborn_of_type, "
    "newborn_of_number, child_number, version, created_at, updated_at";

// The data columns written by insert/upsert, bound by bind_data in this order (names first).
constexpr const char* kDataColumns =
    "document_type, document_number, first_name, second_name, first_surname, second_surname, "
    "search_first_name, "
    "search_second_name, search_first_surname, search_second_surname, birth_date, sex, regime, "
    "affiliation_status, "
    "data_quality, municipality_code, address, phone, mobile, email, newborn_of_type, newborn_of_number, "
    "child_number";
constexpr const char* kDataPlaceholders = "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?";
constexpr int kDataCount = 23;

constexpr const char* kUpdateSet =
    "first_name = excluded.first_name, second_name = excluded.second_name, first_surname = "
    "excluded.first_surname, "
    "second_surname = excluded.second_surname, search_first_name = excluded.search_first_name, "
    "search_second_name = excluded.search_second_name, search_first_surname = excluded.search_first_surname, "
    "search_second_surname = excluded.search_second_surname, birth_date = excluded.birth_date, sex = "
    "excluded.sex, "
    "regime = excluded.regime, affiliation_status = excluded.affiliation_status, data_quality = "
    "excluded.data_quality, "
    "municipality_code = excluded.municipality_code, address = excluded.address, phone = excluded.phone, "
    "mobile = excluded.mobile, email = excluded.email, newborn_of_type = excluded.newborn_of_type, "
    "newborn_of_number = excluded.newborn_of_number, child_number = excluded.child_number, "
    "version = version + 1, updated_at = excluded.updated_at";

std::optional<std::string> opt_text(SQLite::Statement& q, int col) {
  auto c = q.getColumn(col);
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

Affiliate read_row(SQLite::Statement& q) {
  Affiliate a;
  a.id = q.getColumn(0).getInt64();
  a.document_type = opt_text(q, 1);
  a.document_number = opt_text(q, 2);
  a.first_name = q.getColumn(3).getString();
  a.second_name = opt_text(q, 4);
  a.first_surname = q.getColumn(5).getString();
  a.second_surname = opt_text(q, 6);
  a.birth_date = q.getColumn(7).getString();
  a.sex = q.getColumn(8).getString();
  a.regime = q.getColumn(9).getString();
  a.affiliation_status = q.getColumn(10).getString();
  a.data_quality = q.getColumn(11).getString();
  a.municipality_code = q.getColumn(12).getString();
  a.address = opt_text(q, 13);
  a.phone = opt_text(q, 14);
  a.mobile = opt_text(q, 15);
  a.email = opt_text(q, 16);
  a.newborn_of_type = opt_text(q, 17);
  a.newborn_of_number = opt_text(q, 18);
  if (!q.getColumn(19).isNull()) a.child_number = q.getColumn(19).getInt64();
  a.version = q.getColumn(20).getInt64();
  a.created_at = q.getColumn(21).getString();
  a.updated_at = q.getColumn(22).getString();
  return a;
}

void bind_opt(SQLite::Statement& q, int index, const std::optional<std::string>& v) {
  if (v) {
    q.bind(index, *v);
  } else {
    q.bind(index);
  }
}

void bind_folded(SQLite::Statement& q, int index, const std::optional<std::string>& v) {
  if (v) {
    q.bind(index, fold_for_search(*v));
  } else {
    q.bind(index);
  }
}

// Binds kDataColumns starting at parameter 1.
void bind_data(SQLite::Statement& q, const Affiliate& a) {
  bind_opt(q, 1, a.document_type);
  bind_opt(q, 2, a.document_number);
  q.bind(3, a.first_name);
  bind_opt(q, 4, a.second_name);
  q.bind(5, a.first_surname);
  bind_opt(q, 6, a.second_surname);
  q.bind(7, fold_for_search(a.first_name));
  bind_folded(q, 8, a.second_name);
  q.bind(9, fold_for_search(a.first_surname));
  bind_folded(q, 10, a.second_surname);
  q.bind(11, a.birth_date);
  q.bind(12, a.sex);
  q.bind(13, a.regime);
  q.bind(14, a.affiliation_status);
  q.bind(15, a.data_quality);
  q.bind(16, a.municipality_code);
  bind_opt(q, 17, a.address);
  bind_opt(q, 18, a.phone);
  bind_opt(q, 19, a.mobile);
  bind_opt(q, 20, a.email);
  bind_opt(q, 21, a.newborn_of_type);
  bind_opt(q, 22, a.newborn_of_number);
  if (a.child_number) {
    q.bind(23, static_cast<int64_t>(*a.child_number));
  } else {
    q.bind(23);
  }
}

std::string select_from() { return std::string{"SELECT "} + kColumns + " FROM affiliates "; }

// WHERE clause of a search; parameters bound by bind_search in the same order.
std::string search_where(const SearchCriteria& c) {
  // Surname exact, first name by prefix: both served by affiliates_name_search.
  std::string sql = "WHERE search_first_surname = ? AND search_first_name >= ? AND search_first_name < ?";
  if (c.second_name) sql += " AND substr(search_second_name, 1, length(?)) = ?";
  if (c.second_surname) sql += " AND substr(search_second_surname, 1, length(?)) = ?";
  if (c.municipality_code) sql += " AND municipality_code = ?";
  return sql;
}

void bind_search(SQLite::Statement& q, const SearchCriteria& c) {
  int i = 1;
  q.bind(i++, c.first_surname);
  q.bind(i++, c.first_name);
  q.bind(i++, c.first_name + "\x7f");
  if (c.second_name) {
    q.bind(i++, *c.second_name);
    q.bind(i++, *c.second_name);
  }
  if (c.second_surname) {
    q.bind(i++, *c.second_surname);
    q.bind(i++, *c.second_surname);
  }
  if (c.municipality_code) q.bind(i++, *c.municipality_code);
}

}  // namespace

std::optional<Affiliate> find_by_document(SQLite::Database& db, const std::string& type,
                                          const std::string& number) {
  SQLite::Statement q(db, select_from() + "WHERE document_type = ? AND document_number = ?");
  q.bind(1, type);
  q.bind(2, number);
  if (!q.executeStep()) return std::nullopt;
  return read_row(q);
}

std::optional<Affiliate> find_by_id(SQLite::Database& db, long long id) {
  SQLite::Statement q(db, select_from() + "WHERE id = ?");
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_row(q);
}

std::vector<Affiliate> newborns_of(SQLite::Database& db, const std::string& type, const std::string& number) {
  SQLite::Statement q(
      db, select_from() +
              "WHERE newborn_of_type = ? AND newborn_of_number = ? AND newborn_of_number IS NOT NULL "
              "ORDER BY child_number, id");
  q.bind(1, type);
  q.bind(2, number);
  std::vector<Affiliate> out;
  while (q.executeStep()) out.push_back(read_row(q));
  return out;
}

std::optional<Affiliate> find_newborn(SQLite::Database& db, const std::string& mother_type,
                                      const std::string& mother_number, long long child_number) {
  SQLite::Statement q(db, select_from() +
                              "WHERE newborn_of_type = ? AND newborn_of_number = ? AND child_number = ? "
                              "AND document_number IS NULL");
  q.bind(1, mother_type);
  q.bind(2, mother_number);
  q.bind(3, static_cast<int64_t>(child_number));
  if (!q.executeStep()) return std::nullopt;
  return read_row(q);
}

std::vector<Affiliate> search(SQLite::Database& db, const SearchCriteria& criteria, const PageRequest& page) {
  SQLite::Statement q(db, select_from() + search_where(criteria) +
                              " ORDER BY search_first_surname, search_first_name, id LIMIT ? OFFSET ?");
  bind_search(q, criteria);
  const int n = q.getBindParameterCount();
  q.bind(n - 1, static_cast<int64_t>(page.per_page));
  q.bind(n, static_cast<int64_t>((page.page - 1) * page.per_page));
  std::vector<Affiliate> out;
  while (q.executeStep()) out.push_back(read_row(q));
  return out;
}

long long count_search(SQLite::Database& db, const SearchCriteria& criteria) {
  SQLite::Statement q(db, "SELECT count(*) FROM affiliates " + search_where(criteria));
  bind_search(q, criteria);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

long long insert(SQLite::Database& db, const Affiliate& a, const std::string& now) {
  SQLite::Statement q(db, std::string{"INSERT INTO affiliates ("} + kDataColumns +
                              ", created_at, updated_at) VALUES (" + kDataPlaceholders + ", ?, ?)");
  bind_data(q, a);
  q.bind(kDataCount + 1, now);
  q.bind(kDataCount + 2, now);
  q.exec();
  return db.getLastInsertRowid();
}

void update(SQLite::Database& db, const Affiliate& a, const std::string& now) {
  SQLite::Statement q(
      db,
      "UPDATE affiliates SET document_type = ?, document_number = ?, first_name = ?, second_name = ?, "
      "first_surname = ?, second_surname = ?, search_first_name = ?, search_second_name = ?, "
      "search_first_surname = ?, search_second_surname = ?, birth_date = ?, sex = ?, regime = ?, "
      "affiliation_status = ?, data_quality = ?, municipality_code = ?, address = ?, phone = ?, "
      "mobile = ?, email = ?, newborn_of_type = ?, newborn_of_number = ?, child_number = ?, "
      "version = version + 1, updated_at = ? WHERE id = ?");
  bind_data(q, a);
  q.bind(kDataCount + 1, now);
  q.bind(kDataCount + 2, static_cast<int64_t>(a.id));
  q.exec();
}

long long count(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT count(*) FROM affiliates");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

Upserter::Upserter(SQLite::Database& db) {
  const std::string insert = std::string{"INSERT INTO affiliates ("} + kDataColumns +
                             ", created_at, updated_at) VALUES (" + kDataPlaceholders + ", ?, ?) ";
  by_document_ = std::make_unique<SQLite::Statement>(
      db, insert + "ON CONFLICT(document_type, document_number) DO UPDATE SET " + kUpdateSet);
  by_newborn_key_ = std::make_unique<SQLite::Statement>(
      db, insert +
              "ON CONFLICT(newborn_of_type, newborn_of_number, child_number) WHERE document_number IS NULL "
              "DO UPDATE SET " +
              kUpdateSet);
}

Upserter::~Upserter() = default;

void Upserter::upsert(const Affiliate& a, const std::string& now) {
  auto& q = a.document_number ? *by_document_ : *by_newborn_key_;
  q.reset();
  bind_data(q, a);
  q.bind(kDataCount + 1, now);
  q.bind(kDataCount + 2, now);
  q.exec();
}

}  // namespace portal::affiliates::affiliate_store
