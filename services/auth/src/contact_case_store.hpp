#pragma once
// AUTH-11 contact cases (migration 0011): SQL only, one text for SQLite and PostgreSQL (libs/db).
#include <optional>
#include <string>
#include <vector>

#include "portal/db/connection.hpp"
#include "records.hpp"

namespace portal::auth::contact_case_store {

struct ContactCaseRecord {
  long long id = 0;
  std::string category;
  std::string subject;
  std::string comment;
  long long user_id = 0;
  std::optional<long long> provider_id;
  std::string mailbox;
  std::string status = "open";
  std::string created_at;
  std::optional<std::string> answered_at;
  std::optional<long long> answered_by;
  // Joined on reads: the sender and their provider.
  std::string username;
  std::string user_name;
  std::string user_email;
  std::optional<std::string> provider_nit;
  std::optional<std::string> provider_name;
};

struct CaseFilter {
  std::optional<std::string> status;    // open | answered
  std::optional<std::string> category;  // user_attention | technical_support
};

long long insert(db::Connection& c, const ContactCaseRecord& r);
std::optional<ContactCaseRecord> find(db::Connection& c, long long id);
// Newest first (id descending).
std::vector<ContactCaseRecord> list(db::Connection& c, const CaseFilter& filter, const Page& page);
long long count(db::Connection& c, const CaseFilter& filter);
// Open → answered; false when the case was not open (already answered: nothing changes).
bool mark_answered(db::Connection& c, long long id, long long by_user, const std::string& at);

}  // namespace portal::auth::contact_case_store
