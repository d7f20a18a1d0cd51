#include "user_store.hpp"

#include <algorithm>

#include "sql_values.hpp"

namespace portal::auth::user_store {
namespace {

constexpr const char* kSelect =
    "SELECT u.id, u.user_type, u.provider_id, p.nit, p.legal_name, u.branch_id, b.habilitation_code, "
    "u.username, "
    "u.password_hash, u.status, u.roles, u.permissions, u.valid_until, u.document_type, u.document_number, "
    "u.first_name, u.second_name, u.first_surname, u.second_surname, u.position, u.area, u.department_code, "
    "u.municipality_code, u.phone, u.extension, u.mobile, u.email, u.created_at, u.updated_at "
    "FROM users u LEFT JOIN providers p ON p.id = u.provider_id LEFT JOIN branches b ON b.id = u.branch_id ";

UserRecord read_user(const db::Row& r) {
  UserRecord u;
  u.id = r.int64(0);
  u.user_type = r.text(1);
  u.provider_id = r.optional_int64(2);
  u.provider_nit = r.optional_text(3);
  u.provider_name = r.optional_text(4);
  u.branch_id = r.optional_int64(5);
  u.habilitation_code = r.optional_text(6);
  u.username = r.text(7);
  u.password_hash = r.optional_text(8);
  u.status = r.text(9);
  u.roles = sql::split_codes(r.text(10));
  u.permissions = sql::split_codes(r.text(11));
  u.valid_until = r.optional_text(12);
  u.document_type = r.text(13);
  u.document_number = r.text(14);
  u.first_name = r.text(15);
  u.second_name = r.optional_text(16);
  u.first_surname = r.text(17);
  u.second_surname = r.optional_text(18);
  u.position = r.optional_text(19);
  u.area = r.optional_text(20);
  u.department_code = r.optional_text(21);
  u.municipality_code = r.optional_text(22);
  u.phone = r.optional_text(23);
  u.extension = r.optional_text(24);
  u.mobile = r.optional_text(25);
  u.email = r.text(26);
  u.created_at = r.text(27);
  u.updated_at = r.text(28);
  return u;
}

std::optional<UserRecord> first(db::Connection& c, const std::string& where, const db::Params& params) {
  return c.query_one(kSelect + where, params, read_user);
}

// SQLite's lower() (without ICU) folds ASCII only; PostgreSQL's follows the server's locale. E-mails are
// compared here instead, so both backends match the same addresses.
bool same_email(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

// Users of one provider, or the employees (provider_id NULL). Built here rather than `provider_id IS ?`,
// which PostgreSQL cannot type, and as `=` so that the (provider_id, username) index serves it.
std::string owner_condition(std::optional<long long> provider_id, db::Params& params) {
  if (!provider_id) return "u.user_type = 'employee' AND u.provider_id IS NULL";
  params.emplace_back(*provider_id);
  return "u.user_type = 'provider' AND u.provider_id = ?";
}

}  // namespace

std::optional<UserRecord> find_by_id(db::Connection& c, long long id) {
  return first(c, "WHERE u.id = ?", {id});
}

std::optional<UserRecord> find_provider_user(db::Connection& c, long long provider_id,
                                             const std::string& username) {
  return first(c, "WHERE u.user_type = 'provider' AND u.provider_id = ? AND u.username = ?",
               {provider_id, username});
}

std::optional<UserRecord> find_employee(db::Connection& c, const std::string& username) {
  return first(c, "WHERE u.user_type = 'employee' AND u.username = ?", {username});
}

bool username_taken(db::Connection& c, const std::string& user_type, std::optional<long long> provider_id,
                    const std::string& username) {
  db::Params params{user_type};
  std::string sql = "SELECT 1 FROM users WHERE user_type = ? AND ";
  if (provider_id) {
    sql += "provider_id = ?";
    params.emplace_back(*provider_id);
  } else {
    sql += "provider_id IS NULL";
  }
  params.emplace_back(username);
  return c.exists(sql + " AND username = ?", params);
}

bool document_taken(db::Connection& c, long long provider_id, const std::string& type,
                    const std::string& number) {
  return c.exists("SELECT 1 FROM users WHERE provider_id = ? AND document_type = ? AND document_number = ?",
                  {provider_id, type, number});
}

bool employee_document_taken(db::Connection& c, const std::string& type, const std::string& number) {
  return c.exists(
      "SELECT 1 FROM users WHERE user_type = 'employee' AND document_type = ? AND document_number = ?",
      {type, number});
}

std::optional<UserRecord> find_for_provider_reset(db::Connection& c, const std::string& nit,
                                                  const std::string& habilitation_code,
                                                  const std::string& document_number,
                                                  const std::string& email) {
  const auto candidates =
      c.query_all(std::string{kSelect} +
                      "WHERE u.user_type = 'provider' AND p.nit = ? AND u.document_number = ? "
                      "AND EXISTS (SELECT 1 FROM branches x WHERE x.provider_id = u.provider_id "
                      "AND x.habilitation_code = ?) ORDER BY u.id",
                  {nit, document_number, habilitation_code}, read_user);
  for (const auto& u : candidates) {
    if (same_email(u.email, email)) return u;
  }
  return std::nullopt;
}

std::optional<UserRecord> find_for_employee_reset(db::Connection& c, const std::string& username,
                                                  const std::string& email) {
  auto user = find_employee(c, username);
  if (!user || !same_email(user->email, email)) return std::nullopt;
  return user;
}

std::optional<UserRecord> find_pending_provider_user(db::Connection& c, long long provider_id,
                                                     const std::string& document_type,
                                                     const std::string& document_number) {
  return first(c,
               "WHERE u.user_type = 'provider' AND u.provider_id = ? AND u.document_type = ? AND "
               "u.document_number = ? AND u.status = 'pending_activation' ORDER BY u.id",
               {provider_id, document_type, document_number});
}

std::vector<UserRecord> list(db::Connection& c, std::optional<long long> provider_id, const Page& page) {
  db::Params params;
  const std::string where = owner_condition(provider_id, params);
  params.emplace_back(page.per_page);
  params.emplace_back(page.offset());
  return c.query_all(std::string{kSelect} + "WHERE " + where + " ORDER BY u.username LIMIT ? OFFSET ?",
                     params, read_user);
}

long long count(db::Connection& c, std::optional<long long> provider_id) {
  db::Params params;
  const std::string where = owner_condition(provider_id, params);
  return c.query_int64("SELECT count(*) FROM users u WHERE " + where, params).value_or(0);
}

long long insert(db::Connection& c, const UserRecord& u) {
  return *c.query_int64(
      "INSERT INTO users (user_type, provider_id, branch_id, username, password_hash, status, roles, "
      "permissions, "
      "valid_until, document_type, document_number, first_name, second_name, first_surname, second_surname, "
      "position, area, department_code, municipality_code, phone, extension, mobile, email, created_at, "
      "updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.user_type,
       u.provider_id,
       u.branch_id,
       u.username,
       u.password_hash,
       u.status,
       sql::join_codes(u.roles),
       sql::join_codes(u.permissions),
       u.valid_until,
       u.document_type,
       u.document_number,
       u.first_name,
       u.second_name,
       u.first_surname,
       u.second_surname,
       u.position,
       u.area,
       u.department_code,
       u.municipality_code,
       u.phone,
       u.extension,
       u.mobile,
       u.email,
       u.created_at,
       u.updated_at});
}

void update(db::Connection& c, const UserRecord& u) {
  c.exec(
      "UPDATE users SET status = ?, roles = ?, permissions = ?, valid_until = ?, first_name = ?, second_name "
      "= ?, "
      "first_surname = ?, second_surname = ?, position = ?, area = ?, department_code = ?, municipality_code "
      "= ?, "
      "phone = ?, extension = ?, mobile = ?, email = ?, updated_at = ? WHERE id = ?",
      {u.status, sql::join_codes(u.roles), sql::join_codes(u.permissions), u.valid_until, u.first_name,
       u.second_name, u.first_surname, u.second_surname, u.position, u.area, u.department_code,
       u.municipality_code, u.phone, u.extension, u.mobile, u.email, u.updated_at, u.id});
}

void set_password(db::Connection& c, long long id, const std::string& hash, const std::string& now) {
  c.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {hash, now, id});
}

void reset_pending(db::Connection& c, long long id, long long branch_id, const std::string& now) {
  c.exec("UPDATE users SET password_hash = NULL, branch_id = ?, updated_at = ? WHERE id = ?",
         {branch_id, now, id});
}

void set_status(db::Connection& c, long long id, const std::string& status, const std::string& now) {
  c.exec("UPDATE users SET status = ?, updated_at = ? WHERE id = ?", {status, now, id});
}

bool lock(db::Connection& c, long long id) {
  return c.exec("UPDATE users SET status = status WHERE id = ?", {id}) == 1;
}

}  // namespace portal::auth::user_store
