#include "provider_store.hpp"

#include "sql_values.hpp"

namespace portal::auth::provider_store {
namespace {

ProviderRecord read_provider(SQLite::Statement& st) {
  return ProviderRecord{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                        st.getColumn(3).getString()};
}

BranchRecord read_branch(SQLite::Statement& st) {
  return BranchRecord{st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getString(),
                      st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getString(),
                      sql::text(st, 6)};
}

constexpr const char* kBranchColumns =
    "SELECT id, provider_id, habilitation_code, name, department_code, municipality_code, address FROM branches ";

constexpr const char* kContactColumns =
    "SELECT c.id, c.branch_id, b.habilitation_code, c.document_type, c.document_number, c.first_name, "
    "c.second_name, c.first_surname, c.second_surname, c.position, c.email, c.phone, c.mobile, c.address "
    "FROM contacts c JOIN branches b ON b.id = c.branch_id ";

ContactRecord read_contact(SQLite::Statement& st) {
  ContactRecord c;
  c.id = st.getColumn(0).getInt64();
  c.branch_id = st.getColumn(1).getInt64();
  c.habilitation_code = st.getColumn(2).getString();
  c.document_type = st.getColumn(3).getString();
  c.document_number = st.getColumn(4).getString();
  c.first_name = st.getColumn(5).getString();
  c.second_name = sql::text(st, 6);
  c.first_surname = st.getColumn(7).getString();
  c.second_surname = sql::text(st, 8);
  c.position = st.getColumn(9).getString();
  c.email = sql::text(st, 10);
  c.phone = sql::text(st, 11);
  c.mobile = sql::text(st, 12);
  c.address = sql::text(st, 13);
  return c;
}

}  // namespace

std::optional<ProviderRecord> find_by_nit(SQLite::Database& db, const std::string& nit) {
  SQLite::Statement st(db, "SELECT id, nit, legal_name, created_at FROM providers WHERE nit = ?");
  st.bind(1, nit);
  if (!st.executeStep()) return std::nullopt;
  return read_provider(st);
}

std::optional<ProviderRecord> find_by_id(SQLite::Database& db, long long id) {
  SQLite::Statement st(db, "SELECT id, nit, legal_name, created_at FROM providers WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.executeStep()) return std::nullopt;
  return read_provider(st);
}

std::vector<ProviderRecord> list(SQLite::Database& db, const Page& page) {
  SQLite::Statement st(db, "SELECT id, nit, legal_name, created_at FROM providers ORDER BY nit LIMIT ? OFFSET ?");
  st.bind(1, static_cast<int64_t>(page.per_page));
  st.bind(2, static_cast<int64_t>(page.offset()));
  std::vector<ProviderRecord> out;
  while (st.executeStep()) out.push_back(read_provider(st));
  return out;
}

long long count(SQLite::Database& db) { return db.execAndGet("SELECT count(*) FROM providers").getInt64(); }

std::vector<BranchRecord> branches(SQLite::Database& db, long long provider_id) {
  SQLite::Statement st(db, std::string{kBranchColumns} + "WHERE provider_id = ? ORDER BY habilitation_code");
  st.bind(1, static_cast<int64_t>(provider_id));
  std::vector<BranchRecord> out;
  while (st.executeStep()) out.push_back(read_branch(st));
  return out;
}

std::optional<BranchRecord> find_branch(SQLite::Database& db, long long provider_id, const std::string& code) {
  SQLite::Statement st(db, std::string{kBranchColumns} + "WHERE provider_id = ? AND habilitation_code = ?");
  st.bind(1, static_cast<int64_t>(provider_id));
  st.bind(2, code);
  if (!st.executeStep()) return std::nullopt;
  return read_branch(st);
}

bool habilitation_code_taken(SQLite::Database& db, const std::string& code) {
  SQLite::Statement st(db, "SELECT 1 FROM branches WHERE habilitation_code = ?");
  st.bind(1, code);
  return st.executeStep();
}

std::optional<ContactRecord> find_contact(SQLite::Database& db, long long provider_id, const std::string& document_number,
                                          const std::optional<std::string>& habilitation_code) {
  SQLite::Statement st(db, std::string{kContactColumns} +
                               "WHERE b.provider_id = ? AND c.document_number = ? "
                               "AND (? IS NULL OR b.habilitation_code = ?) ORDER BY c.id LIMIT 1");
  st.bind(1, static_cast<int64_t>(provider_id));
  st.bind(2, document_number);
  sql::bind(st, 3, habilitation_code);
  sql::bind(st, 4, habilitation_code);
  if (!st.executeStep()) return std::nullopt;
  return read_contact(st);
}

std::vector<ContactRecord> contacts(SQLite::Database& db, long long branch_id) {
  SQLite::Statement st(db, std::string{kContactColumns} + "WHERE c.branch_id = ? ORDER BY c.document_number");
  st.bind(1, static_cast<int64_t>(branch_id));
  std::vector<ContactRecord> out;
  while (st.executeStep()) out.push_back(read_contact(st));
  return out;
}

bool has_admin(SQLite::Database& db, long long provider_id) {
  SQLite::Statement st(db,
                       "SELECT 1 FROM users WHERE provider_id = ? AND (' ' || roles || ' ') LIKE '% provider_admin %'");
  st.bind(1, static_cast<int64_t>(provider_id));
  return st.executeStep();
}

long long insert_provider(SQLite::Database& db, const ProviderRecord& p) {
  SQLite::Statement st(db, "INSERT INTO providers (nit, legal_name, created_at) VALUES (?, ?, ?)");
  st.bind(1, p.nit);
  st.bind(2, p.legal_name);
  st.bind(3, p.created_at);
  st.exec();
  return db.getLastInsertRowid();
}

long long insert_branch(SQLite::Database& db, const BranchRecord& b) {
  SQLite::Statement st(db,
                       "INSERT INTO branches (provider_id, habilitation_code, name, department_code, municipality_code, "
                       "address) VALUES (?, ?, ?, ?, ?, ?)");
  st.bind(1, static_cast<int64_t>(b.provider_id));
  st.bind(2, b.habilitation_code);
  st.bind(3, b.name);
  st.bind(4, b.department_code);
  st.bind(5, b.municipality_code);
  sql::bind(st, 6, b.address);
  st.exec();
  return db.getLastInsertRowid();
}

long long insert_contact(SQLite::Database& db, const ContactRecord& c) {
  SQLite::Statement st(db,
                       "INSERT INTO contacts (branch_id, document_type, document_number, first_name, second_name, "
                       "first_surname, second_surname, position, email, phone, mobile, address) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, static_cast<int64_t>(c.branch_id));
  st.bind(2, c.document_type);
  st.bind(3, c.document_number);
  st.bind(4, c.first_name);
  sql::bind(st, 5, c.second_name);
  st.bind(6, c.first_surname);
  sql::bind(st, 7, c.second_surname);
  st.bind(8, c.position);
  sql::bind(st, 9, c.email);
  sql::bind(st, 10, c.phone);
  sql::bind(st, 11, c.mobile);
  sql::bind(st, 12, c.address);
  st.exec();
  return db.getLastInsertRowid();
}

}  // namespace portal::auth::provider_store
