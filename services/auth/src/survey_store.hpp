#pragma once
// AUTH-12 survey answers (migration 0011): SQL only, one text for SQLite and PostgreSQL (libs/db).
#include <optional>
#include <string>
#include <vector>

#include "portal/db/connection.hpp"
#include "survey_rules.hpp"

namespace portal::auth::survey_store {

struct SurveyRecord {
  long long id = 0;
  long long user_id = 0;
  std::optional<long long> provider_id;
  std::string answered_day;  // Bogotá YYYY-MM-DD
  SurveyAnswer answer;
  std::string created_at;
};

long long insert(db::Connection& c, const SurveyRecord& r);
bool answered_on(db::Connection& c, long long user_id, const std::string& day);

// Identical answers of one month counted together: the aggregates are added up by the pure SurveyTally.
struct MonthCount {
  std::string month;  // YYYY-MM
  SurveyAnswer answer;
  long long count = 0;
};
// Answers whose Bogotá day lies in [first_day, last_day] (YYYY-MM-DD, inclusive).
std::vector<MonthCount> month_counts(db::Connection& c, const std::string& first_day,
                                     const std::string& last_day);

}  // namespace portal::auth::survey_store
