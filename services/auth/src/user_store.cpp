#include "user_store.hpp"

#include "sql_values.hpp"

namespace portal::auth::user_store {
namespace {

constexpr const char* kSelect =
    "SELECT u.id, u.user_type, u.provider_id, p.nit, p.legal_name, u.branch_id, b.habilitation_code, u.username, "
    "u.password_hash, u.status, u.roles, u.permissions, u.valid_until, u.document_type, u.document_number, "
    "u.first_name, u.second_name, u.first_surname, u.second_surname, u.position, u.area, u.department_code, "
    "u.municipality_code, u.phone, u.extension, u.mobile, u.email, u.created_at, u.updated_at "
    "FROM users u LEFT JOIN providers p ON p.id = u.provider_id LEFT JOIN branches b ON b.id = u.branch_id ";

UserRecord read_user(SQLite::Statement& st) {
  UserRecord u;
  u.id = st.getColumn(0).getInt64();
  u.user_type = st.getColumn(1).getString();
  u.provider_id = sql::integer(st, 2);
  u.provider_nit = sql::text(st, 3);
  u.provider_name = sql::text(st, 4);
  u.branch_id = sql::integer(st, 5);
  u.habilitation_code = sql::text(st, 6);
  u.username = st.getColumn(7).getString();
  u.password_hash = sql::text(st, 8);
  u.status = st.getColumn(9).getString();
  u.roles = sql::split_codes(st.getColumn(10).getString());
  u.permissions = sql::split_codes(st.getColumn(11).getString());
  u.valid_until = sql::text(st, 12);
  u.document_type = st.getColumn(13).getString();
  u.document_number = st.getColumn(14).getString();
  u.first_name = st.getColumn(15).getString();
  u.second_name = sql::text(st, 16);
  u.first_surname = st.getColumn(17).getString();
  u.second_surname = sql::text(st, 18);
  u.position = sql::text(st, 19);
  u.area = sql::text(st, 20);
  u.department_code = sql::text(st, 21);
  u.municipality_code = sql::text(st, 22);
  u.phone = sql::text(st, 23);
  u.extension = sql::text(st, 24);
  u.mobile = sql::text(st, 25);
  u.email = st.getColumn(26).getString();
  u.created_at = st.getColumn(27).getString();
  u.updated_at = st.getColumn(28).getString();
  return u;
}

std::optional<UserRecord> first(SQLite::Statement& st) {
  if (!st.executeStep()) return std::nullopt;
  return read_user(st);
}

}  // namespace

std::optional<UserRecord> find_by_id(SQLite::Database& db, long long id) {
  SQLite::Statement st(db, std::string{kSelect} + "WHERE u.id = ?");
  st.bind(1, static_cast<int64_t>(id));
  return first(st);
}

std::optional<UserRecord> find_provider_user(SQLite::Database& db, long long provider_id, const std::string& username) {
  SQLite::Statement st(db, std::string{kSelect} + "WHERE u.user_type = 'provider' AND u.provider_id = ? AND u.username = ?");
  st.bind(1, static_cast<int64_t>(provider_id));
  st.bind(2, username);
  return first(st);
}

std::optional<UserRecord> find_employee(SQLite::Database& db, const std::string& username) {
  SQLite::Statement st(db, std::string{kSelect} + "WHERE u.user_type = 'employee' AND u.username = ?");
  st.bind(1, username);
  return first(st);
}

bool username_taken(SQLite::Database& db, const std::string& user_type, std::optional<long long> provider_id,
                    const std::string& username) {
  SQLite::Statement st(db, "SELECT 1 FROM users WHERE user_type = ? AND provider_id IS ? AND username = ?");
  st.bind(1, user_type);
  sql::bind(st, 2, provider_id);
  st.bind(3, username);
  return st.executeStep();
}

bool document_taken(SQLite::Database& db, long long provider_id, const std::string& type, const std::string& number) {
  SQLite::Statement st(db, "SELECT 1 FROM users WHERE provider_id = ? AND document_type = ? AND document_number = ?");
  st.bind(1, static_cast<int64_t>(provider_id));
  st.bind(2, type);
  st.bind(3, number);
  return st.executeStep();
}

bool employee_document_taken(SQLite::Database& db, const std::string& type, const std::string& number) {
  SQLite::Statement st(db,
                       "SELECT 1 FROM users WHERE user_type = 'employee' AND document_type = ? AND document_number = ?");
  st.bind(1, type);
  st.bind(2, number);
  return st.executeStep();
}

std::optional<UserRecord> find_for_provider_reset(SQLite::Database& db, const std::string& nit,
                                                  const std::string& habilitation_code,
                                                  const std::string& document_number, const std::string& email) {
  SQLite::Statement st(db, std::string{kSelect} +
                               "WHERE u.user_type = 'provider' AND p.nit = ? AND u.document_number = ? "
                               "AND lower(u.email) = lower(?) AND EXISTS (SELECT 1 FROM branches x "
                               "WHERE x.provider_id = u.provider_id AND x.habilitation_code = ?) "
                               "ORDER BY u.id LIMIT 1");
  st.bind(1, nit);
  st.bind(2, document_number);
  st.bind(3, email);
  st.bind(4, habilitation_code);
  return first(st);
}

std::optional<UserRecord> find_for_employee_reset(SQLite::Database& db, const std::string& username,
                                                  const std::string& email) {
  SQLite::Statement st(
      db, std::string{kSelect} + "WHERE u.user_type = 'employee' AND u.username = ? AND lower(u.email) = lower(?)");
  st.bind(1, username);
  st.bind(2, email);
  return first(st);
}

std::vector<UserRecord> list(SQLite::Database& db, std::optional<long long> provider_id, const Page& page) {
  SQLite::Statement st(db, std::string{kSelect} +
                               "WHERE u.user_type = ? AND u.provider_id IS ? ORDER BY u.username LIMIT ? OFFSET ?");
  st.bind(1, provider_id ? "provider" : "employee");
  sql::bind(st, 2, provider_id);
  st.bind(3, static_cast<int64_t>(page.per_page));
  st.bind(4, static_cast<int64_t>(page.offset()));
  std::vector<UserRecord> out;
  while (st.executeStep()) out.push_back(read_user(st));
  return out;
}

long long count(SQLite::Database& db, std::optional<long long> provider_id) {
  SQLite::Statement st(db, "SELECT count(*) FROM users WHERE user_type = ? AND provider_id IS ?");
  st.bind(1, provider_id ? "provider" : "employee");
  sql::bind(st, 2, provider_id);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

long long insert(SQLite::Database& db, const UserRecord& u) {
  SQLite::Statement st(
      db,
      "INSERT INTO users (user_type, provider_id, branch_id, username, password_hash, status, roles, permissions, "
      "valid_until, document_type, document_number, first_name, second_name, first_surname, second_surname, "
      "position, area, department_code, municipality_code, phone, extension, mobile, email, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, u.user_type);
  sql::bind(st, 2, u.provider_id);
  sql::bind(st, 3, u.branch_id);
  st.bind(4, u.username);
  sql::bind(st, 5, u.password_hash);
  st.bind(6, u.status);
  st.bind(7, sql::join_codes(u.roles));
  st.bind(8, sql::join_codes(u.permissions));
  sql::bind(st, 9, u.valid_until);
  st.bind(10, u.document_type);
  st.bind(11, u.document_number);
  st.bind(12, u.first_name);
  sql::bind(st, 13, u.second_name);
  st.bind(14, u.first_surname);
  sql::bind(st, 15, u.second_surname);
  sql::bind(st, 16, u.position);
  sql::bind(st, 17, u.area);
  sql::bind(st, 18, u.department_code);
  sql::bind(st, 19, u.municipality_code);
  sql::bind(st, 20, u.phone);
  sql::bind(st, 21, u.extension);
  sql::bind(st, 22, u.mobile);
  st.bind(23, u.email);
  st.bind(24, u.created_at);
  st.bind(25, u.updated_at);
  st.exec();
  return db.getLastInsertRowid();
}

void update(SQLite::Database& db, const UserRecord& u) {
  SQLite::Statement st(db,
                       "UPDATE users SET status = ?, roles = ?, permissions = ?, valid_until = ?, first_name = ?, "
                       "second_name = ?, first_surname = ?, second_surname = ?, position = ?, area = ?, "
                       "department_code = ?, municipality_code = ?, phone = ?, extension = ?, mobile = ?, email = ?, "
                       "updated_at = ? WHERE id = ?");
  st.bind(1, u.status);
  st.bind(2, sql::join_codes(u.roles));
  st.bind(3, sql::join_codes(u.permissions));
  sql::bind(st, 4, u.valid_until);
  st.bind(5, u.first_name);
  sql::bind(st, 6, u.second_name);
  st.bind(7, u.first_surname);
  sql::bind(st, 8, u.second_surname);
  sql::bind(st, 9, u.position);
  sql::bind(st, 10, u.area);
  sql::bind(st, 11, u.department_code);
  sql::bind(st, 12, u.municipality_code);
  sql::bind(st, 13, u.phone);
  sql::bind(st, 14, u.extension);
  sql::bind(st, 15, u.mobile);
  st.bind(16, u.email);
  st.bind(17, u.updated_at);
  st.bind(18, static_cast<int64_t>(u.id));
  st.exec();
}

void set_password(SQLite::Database& db, long long id, const std::string& hash, const std::string& now) {
  SQLite::Statement st(db, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?");
  st.bind(1, hash);
  st.bind(2, now);
  st.bind(3, static_cast<int64_t>(id));
  st.exec();
}

void set_status(SQLite::Database& db, long long id, const std::string& status, const std::string& now) {
  SQLite::Statement st(db, "UPDATE users SET status = ?, updated_at = ? WHERE id = ?");
  st.bind(1, status);
  st.bind(2, now);
  st.bind(3, static_cast<int64_t>(id));
  st.exec();
}

}  // namespace portal::auth::user_store
