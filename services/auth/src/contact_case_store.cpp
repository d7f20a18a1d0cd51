#include "contact_case_store.hpp"

namespace portal::auth::contact_case_store {
namespace {

constexpr const char* kSelect =
    "SELECT k.id, k.category, k.subject, k.comment, k.user_id, k.provider_id, k.mailbox, k.status, "
    "k.created_at, k.answered_at, k.answered_by, u.username, u.first_name, u.first_surname, u.email, p.nit, "
    "p.legal_name "
    "FROM contact_cases k JOIN users u ON u.id = k.user_id LEFT JOIN providers p ON p.id = k.provider_id ";

ContactCaseRecord read_case(const db::Row& r) {
  ContactCaseRecord k;
  k.id = r.int64(0);
  k.category = r.text(1);
  k.subject = r.text(2);
  k.comment = r.text(3);
  k.user_id = r.int64(4);
  k.provider_id = r.optional_int64(5);
  k.mailbox = r.text(6);
  k.status = r.text(7);
  k.created_at = r.text(8);
  k.answered_at = r.optional_text(9);
  k.answered_by = r.optional_int64(10);
  k.username = r.text(11);
  k.user_name = r.text(12) + " " + r.text(13);
  k.user_email = r.text(14);
  k.provider_nit = r.optional_text(15);
  k.provider_name = r.optional_text(16);
  return k;
}

std::string where_clause(const CaseFilter& f, db::Params& params) {
  std::string where;
  auto add = [&](const char* condition, const std::string& value) {
    where += where.empty() ? "WHERE " : " AND ";
    where += condition;
    params.emplace_back(value);
  };
  if (f.status) add("k.status = ?", *f.status);
  if (f.category) add("k.category = ?", *f.category);
  return where;
}

}  // namespace

long long insert(db::Connection& c, const ContactCaseRecord& r) {
  return *c.query_int64(
      "INSERT INTO contact_cases (category, subject, comment, user_id, provider_id, mailbox, status, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id",
      {r.category, r.subject, r.comment, r.user_id, r.provider_id, r.mailbox, r.created_at});
}

std::optional<ContactCaseRecord> find(db::Connection& c, long long id) {
  return c.query_one(std::string{kSelect} + "WHERE k.id = ?", {id}, read_case);
}

std::vector<ContactCaseRecord> list(db::Connection& c, const CaseFilter& filter, const Page& page) {
  db::Params params;
  const std::string where = where_clause(filter, params);
  params.emplace_back(page.per_page);
  params.emplace_back(page.offset());
  return c.query_all(std::string{kSelect} + where + " ORDER BY k.id DESC LIMIT ? OFFSET ?", params,
                     read_case);
}

long long count(db::Connection& c, const CaseFilter& filter) {
  db::Params params;
  const std::string where = where_clause(filter, params);
  return c.query_int64("SELECT count(*) FROM contact_cases k " + where, params).value_or(0);
}

bool mark_answered(db::Connection& c, long long id, long long by_user, const std::string& at) {
  return c.exec(
             "UPDATE contact_cases SET status = 'answered', answered_at = ?, answered_by = ? "
             "WHERE id = ? AND status = 'open'",
             {at, by_user, id}) == 1;
}

}  // namespace portal::auth::contact_case_store
