// AUTH-12 satisfaction survey (manual 003, end; issue 20): a provider user answers at most once per Bogotá
// day (409 survey_already_answered for a second answer); EPS administrators read the monthly aggregates:
// the distributions, NPS the standard way (% promoters − % detractors) and the share resolved.
#include <map>

#include "auth_http.hpp"
#include "routes.hpp"
#include "survey_rules.hpp"
#include "survey_store.hpp"
#include "user_store.hpp"

namespace portal::auth {
namespace {

using survey_store::SurveyRecord;

http::Problem already_answered() {
  return http::conflict("survey_already_answered",
                        {"Ya respondió la encuesta hoy. Puede responderla de nuevo mañana.",
                         "You already answered the survey today. You can answer it again tomorrow."});
}

void write_survey(json::Writer& w, const SurveyRecord& s) {
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(s.id);
  json::write_key(w, "satisfaction");
  w.Int(s.answer.satisfaction);
  json::write_key(w, "ease");
  w.Int(s.answer.ease);
  json::write_key(w, "nps");
  w.Int(s.answer.nps);
  json::write_key(w, "resolved");
  w.Bool(s.answer.resolved);
  write_string_field(w, "answered_day", s.answered_day);
  write_string_field(w, "created_at", s.created_at);
  w.EndObject();
}

// 333 → 33.3, -250 → -25.0; null without responses.
void write_tenths(json::Writer& w, std::string_view key, const std::optional<long long>& tenths) {
  json::write_key(w, key);
  if (!tenths) {
    w.Null();
    return;
  }
  const long long v = *tenths < 0 ? -*tenths : *tenths;
  const std::string text = (*tenths < 0 ? "-" : "") + std::to_string(v / 10) + "." + std::to_string(v % 10);
  w.RawValue(text.c_str(), text.size(), rapidjson::kNumberType);
}

template <std::size_t N>
void write_scale(json::Writer& w, std::string_view key, const std::array<long long, N>& counts, int first,
                 const core::Text& (*label)(int), core::Lang lang) {
  json::write_key(w, key);
  w.StartArray();
  for (std::size_t i = 0; i < N; ++i) {
    const int value = first + static_cast<int>(i);
    w.StartObject();
    json::write_key(w, "value");
    w.Int(value);
    if (label) write_string_field(w, "label", label(value).in(lang));
    json::write_key(w, "count");
    w.Int64(counts[i]);
    w.EndObject();
  }
  w.EndArray();
}

// The members of one tally (a month, or the whole range).
void write_tally_fields(json::Writer& w, const SurveyTally& t, core::Lang lang) {
  json::write_key(w, "responses");
  w.Int64(t.responses);
  write_scale(w, "satisfaction", t.satisfaction, 1, &satisfaction_label, lang);
  write_scale(w, "ease", t.ease, 1, &ease_label, lang);
  json::write_key(w, "nps");
  w.StartObject();
  write_scale(w, "distribution", t.nps, 0, nullptr, lang);
  json::write_key(w, "promoters");
  w.Int64(t.promoters());
  json::write_key(w, "passives");
  w.Int64(t.passives());
  json::write_key(w, "detractors");
  w.Int64(t.detractors());
  write_tenths(w, "score", t.nps_tenths());
  w.EndObject();
  json::write_key(w, "resolved");
  w.StartObject();
  json::write_key(w, "yes");
  w.Int64(t.resolved);
  json::write_key(w, "no");
  w.Int64(t.responses - t.resolved);
  write_tenths(w, "percent", t.resolved_tenths());
  w.EndObject();
}

http::Response answer_survey(AuthContext& ctx, http::Request& req, http::IdempotentWrite& keyed) {
  if (!req.principal) return http::problem(req, http::unauthorized());
  const auto user_id = caller_user_id(req);
  if (!req.principal->is_provider() || !user_id) return http::problem(req, http::forbidden());
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto satisfaction = in.required_int("satisfaction", 1, 5);
  const auto ease = in.required_int("ease", 1, 5);
  const auto nps = in.required_int("nps", 0, 10);
  const auto resolved = in.required_bool("resolved");
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  // "One answer per user per day": the Bogotá day of the injected clock (SPEC §2).
  const auto now = ctx.clock.now();
  const std::string day = core::bogota_date_string(now);
  const auto conflict = [&](db::Connection& c) -> std::optional<http::Problem> {
    if (survey_store::answered_on(c, *user_id, day)) return already_answered();
    return std::nullopt;
  };
  return commit_create<SurveyRecord>(
      ctx, req, keyed,
      [&](db::Connection& c) {
        if (auto refused = conflict(c)) throw Refused{*refused};
        const auto user = user_store::find_by_id(c, *user_id);
        if (!user) throw Refused{http::forbidden()};
        SurveyRecord s;
        s.user_id = user->id;
        s.provider_id = user->provider_id;
        s.answered_day = day;
        s.answer = SurveyAnswer{static_cast<int>(*satisfaction), static_cast<int>(*ease),
                                static_cast<int>(*nps), *resolved};
        s.created_at = core::to_rfc3339(now);
        s.id = survey_store::insert(c, s);
        audit(c, ctx, req, "survey_answered", "survey:" + std::to_string(s.id));
        return s;
      },
      [](const SurveyRecord& s) { return json_response(201, [&](json::Writer& w) { write_survey(w, s); }); },
      conflict);
}

http::Response survey_results(AuthContext& ctx, http::Request& req) {
  if (auto denied = http::require_any_role(req, {"admin"})) return std::move(*denied);
  if (!req.principal->is_employee()) return http::problem(req, http::forbidden());
  core::FieldErrors errors;
  const auto today = core::bogota_date(ctx.clock.now());
  const auto range =
      read_month_range(req.query_param("from"), req.query_param("to"), today.year() / today.month(), errors);
  if (!range) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto counts = ctx.db->read([&](db::Connection& c) {
    return survey_store::month_counts(c, format_month(range->from) + "-01", format_month(range->to) + "-31");
  });
  std::map<std::string, SurveyTally> by_month;
  SurveyTally overall;
  for (const auto& row : counts) {
    by_month[row.month].add(row.answer, row.count);
    overall.add(row.answer, row.count);
  }
  auto r = json_response(200, [&](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "from", format_month(range->from));
    write_string_field(w, "to", format_month(range->to));
    json::write_key(w, "months");
    w.StartArray();
    for (const auto m : months_between(*range)) {
      const std::string month = format_month(m);
      w.StartObject();
      write_string_field(w, "month", month);
      const auto it = by_month.find(month);
      write_tally_fields(w, it == by_month.end() ? SurveyTally{} : it->second, req.lang);
      w.EndObject();
    }
    w.EndArray();
    json::write_key(w, "overall");
    w.StartObject();
    write_tally_fields(w, overall, req.lang);
    w.EndObject();
    w.EndObject();
  });
  r.with_language(req.lang);  // the scales' labels
  return r;
}

}  // namespace

void register_survey_routes(http::Server& server, AuthContext& ctx) {
  const std::string base = std::string{kApi} + "/surveys";
  server.route(http::Method::post, base, [&ctx](http::Request& r) {
    return idempotent(ctx, r, [&](http::IdempotentWrite& keyed) { return answer_survey(ctx, r, keyed); });
  });
  server.route(http::Method::get, base + "/results",
               [&ctx](http::Request& r) { return survey_results(ctx, r); });
}

}  // namespace portal::auth
