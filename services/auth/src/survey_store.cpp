#include "survey_store.hpp"

namespace portal::auth::survey_store {

long long insert(db::Connection& c, const SurveyRecord& r) {
  return *c.query_int64(
      "INSERT INTO survey_answers (user_id, provider_id, answered_day, satisfaction, ease, nps, resolved, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.user_id, r.provider_id, r.answered_day, r.answer.satisfaction, r.answer.ease, r.answer.nps,
       r.answer.resolved, r.created_at});
}

bool answered_on(db::Connection& c, long long user_id, const std::string& day) {
  return c.exists("SELECT 1 FROM survey_answers WHERE user_id = ? AND answered_day = ?", {user_id, day});
}

std::vector<MonthCount> month_counts(db::Connection& c, const std::string& first_day,
                                     const std::string& last_day) {
  // substr() is the same function on both backends; days are fixed-width text, so text order is date order.
  return c.query_all(
      "SELECT substr(answered_day, 1, 7), satisfaction, ease, nps, resolved, count(*) FROM survey_answers "
      "WHERE answered_day >= ? AND answered_day <= ? "
      "GROUP BY substr(answered_day, 1, 7), satisfaction, ease, nps, resolved",
      {first_day, last_day}, [](const db::Row& r) {
        return MonthCount{r.text(0), SurveyAnswer{r.int32(1), r.int32(2), r.int32(3), r.boolean(4)},
                          r.int64(5)};
      });
}

}  // namespace portal::auth::survey_store
