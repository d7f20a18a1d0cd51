#include "provider_store.hpp"

namespace portal::auth::provider_store {
namespace {

constexpr const char* kProviderColumns = "SELECT id, nit, legal_name, created_at, email FROM providers ";

ProviderRecord read_provider(const db::Row& r) {
  return ProviderRecord{r.int64(0), r.text(1), r.text(2), r.text(3), r.optional_text(4)};
}

constexpr const char* kBranchColumns =
    "SELECT id, provider_id, habilitation_code, name, department_code, municipality_code, address FROM "
    "branches ";

BranchRecord read_branch(const db::Row& r) {
  return BranchRecord{r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.optional_text(6)};
}

constexpr const char* kContactColumns =
    "SELECT c.id, c.branch_id, b.habilitation_code, c.document_type, c.document_number, c.first_name, "
    "c.second_name, c.first_surname, c.second_surname, c.position, c.email, c.phone, c.mobile, c.address "
    "FROM contacts c JOIN branches b ON b.id = c.branch_id ";

ContactRecord read_contact(const db::Row& r) {
  ContactRecord c;
  c.id = r.int64(0);
  c.branch_id = r.int64(1);
  c.habilitation_code = r.text(2);
  c.document_type = r.text(3);
  c.document_number = r.text(4);
  c.first_name = r.text(5);
  c.second_name = r.optional_text(6);
  c.first_surname = r.text(7);
  c.second_surname = r.optional_text(8);
  c.position = r.text(9);
  c.email = r.optional_text(10);
  c.phone = r.optional_text(11);
  c.mobile = r.optional_text(12);
  c.address = r.optional_text(13);
  return c;
}

}  // namespace

std::optional<ProviderRecord> find_by_nit(db::Connection& c, const std::string& nit) {
  return c.query_one(std::string{kProviderColumns} + "WHERE nit = ?", {nit}, read_provider);
}

std::optional<ProviderRecord> find_by_id(db::Connection& c, long long id) {
  return c.query_one(std::string{kProviderColumns} + "WHERE id = ?", {id}, read_provider);
}

std::vector<ProviderRecord> list(db::Connection& c, const Page& page) {
  return c.query_all(std::string{kProviderColumns} + "ORDER BY nit LIMIT ? OFFSET ?",
                     {page.per_page, page.offset()}, read_provider);
}

long long count(db::Connection& c) { return c.query_int64("SELECT count(*) FROM providers").value_or(0); }

std::vector<BranchRecord> branches(db::Connection& c, long long provider_id) {
  return c.query_all(std::string{kBranchColumns} + "WHERE provider_id = ? ORDER BY habilitation_code",
                     {provider_id}, read_branch);
}

std::optional<BranchRecord> find_branch(db::Connection& c, long long provider_id, const std::string& code) {
  return c.query_one(std::string{kBranchColumns} + "WHERE provider_id = ? AND habilitation_code = ?",
                     {provider_id, code}, read_branch);
}

bool habilitation_code_taken(db::Connection& c, const std::string& code) {
  return c.exists("SELECT 1 FROM branches WHERE habilitation_code = ?", {code});
}

std::optional<ContactRecord> find_contact(db::Connection& c, long long provider_id,
                                          const std::string& document_number,
                                          const std::optional<std::string>& habilitation_code) {
  // The branch condition only when a branch is given (PostgreSQL cannot type `? IS NULL`).
  std::string sql = std::string{kContactColumns} + "WHERE b.provider_id = ? AND c.document_number = ? ";
  db::Params params{provider_id, document_number};
  if (habilitation_code) {
    sql += "AND b.habilitation_code = ? ";
    params.emplace_back(*habilitation_code);
  }
  return c.query_one(sql + "ORDER BY c.id LIMIT 1", params, read_contact);
}

std::vector<ContactRecord> contacts(db::Connection& c, long long branch_id) {
  return c.query_all(std::string{kContactColumns} + "WHERE c.branch_id = ? ORDER BY c.document_number",
                     {branch_id}, read_contact);
}

bool has_admin(db::Connection& c, long long provider_id) {
  // Roles are lower-case codes (user_rules), so LIKE matches the same rows whether it folds case
  // (SQLite) or not (PostgreSQL).
  return c.exists(
      "SELECT 1 FROM users WHERE provider_id = ? AND (' ' || roles || ' ') LIKE '% provider_admin %'",
      {provider_id});
}

bool has_active_admin(db::Connection& c, long long provider_id) {
  return c.exists(
      "SELECT 1 FROM users WHERE provider_id = ? AND status <> 'pending_activation' AND (' ' || roles || ' "
      "') "
      "LIKE '% provider_admin %'",
      {provider_id});
}

bool lock(db::Connection& c, long long provider_id) {
  return c.exec("UPDATE providers SET legal_name = legal_name WHERE id = ?", {provider_id}) == 1;
}

long long insert_provider(db::Connection& c, const ProviderRecord& p) {
  return *c.query_int64(
      "INSERT INTO providers (nit, legal_name, created_at, email) VALUES (?, ?, ?, ?) RETURNING id",
      {p.nit, p.legal_name, p.created_at, p.email});
}

long long insert_branch(db::Connection& c, const BranchRecord& b) {
  return *c.query_int64(
      "INSERT INTO branches (provider_id, habilitation_code, name, department_code, municipality_code, "
      "address) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {b.provider_id, b.habilitation_code, b.name, b.department_code, b.municipality_code, b.address});
}

long long insert_contact(db::Connection& c, const ContactRecord& contact) {
  return *c.query_int64(
      "INSERT INTO contacts (branch_id, document_type, document_number, first_name, second_name, "
      "first_surname, "
      "second_surname, position, email, phone, mobile, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {contact.branch_id, contact.document_type, contact.document_number, contact.first_name,
       contact.second_name, contact.first_surname, contact.second_surname, contact.position, contact.email,
       contact.phone, contact.mobile, contact.address});
}

}  // namespace portal::auth::provider_store
