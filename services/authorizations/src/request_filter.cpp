#include "request_filter.hpp"

#include <algorithm>
#include <cctype>

#include "portal/http/query_reader.hpp"
#include "portal/json/messages.hpp"

namespace portal::authorizations {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int kMaxRangeDays = 366;

using http::QueryReader;

// Letters and digits (and '-' when `hyphen`), at most max_len characters.
std::optional<std::string> code(QueryReader& q, std::string_view name, std::size_t max_len, bool hyphen) {
  auto v = q.text(name);
  if (!v) return std::nullopt;
  if (v->size() > max_len) {
    q.error(name, "too_long", json::too_long_message(max_len));
    return std::nullopt;
  }
  if (!std::all_of(v->begin(), v->end(),
                   [&](unsigned char c) { return std::isalnum(c) != 0 || (hyphen && c == '-'); })) {
    q.error(name, "invalid_characters",
            {"Solo puede contener letras y dígitos", "May only contain letters and digits"});
    return std::nullopt;
  }
  return v;
}

// A code of the named catalog.
std::optional<std::string> catalog_code(QueryReader& q, std::string_view name,
                                        const catalog::Catalogs& catalogs, std::string_view catalog_name) {
  auto v = q.text(name);
  if (!v) return std::nullopt;
  if (const auto* item = catalogs.find(catalog_name, *v)) return item->code;
  std::vector<std::string_view> codes;
  if (const auto* c = catalogs.get(catalog_name)) {
    for (const auto& item : c->items()) codes.emplace_back(item.code);
  }
  q.error(name, "invalid_value", json::invalid_value_message(codes));
  return std::nullopt;
}

bool uses_default_day(const RequestFilter& f) {
  // The auditor's queue of annulment requests spans every day (AUT-3).
  return !f.date_from && !f.date_to && !f.request_number && !f.document_type && !f.document_number &&
         !f.annulment_requested;
}

}  // namespace

RequestFilter parse_filter(const QueryParams& query, const catalog::Catalogs& catalogs, core::Instant now,
                           bool provider_user, core::FieldErrors& errors) {
  RequestFilter f;
  QueryReader q(query, errors);
  f.provider_nit = code(q, "provider_nit", 20, true);
  if (auto number = code(q, "request_number", 20, false)) {
    std::string upper = *number;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    f.request_number = upper;
  }
  const int this_year = core::bogota_year(now);
  f.request_year = q.integer("request_year", 2000, 9999);
  if (f.request_year && *f.request_year > this_year) {
    q.error("request_year", "in_future",
            {"El año no puede ser posterior al actual (" + std::to_string(this_year) + ")",
             "The year cannot be after the current one (" + std::to_string(this_year) + ")"});
    f.request_year.reset();
  }
  if (q.text("request_number") && !q.text("request_year")) {
    q.error("request_year", "required",
            {"El año es obligatorio con el número de solicitud (el consecutivo se reinicia cada año)",
             "The year is required with a request number (the number restarts every year)"});
  }
  const auto from = q.date("date_from");
  const auto to = q.date("date_to");
  if (from) f.date_from = core::format_date(*from);
  if (to) f.date_to = core::format_date(*to);
  if (from && to) {
    const auto span = (sys_days{*to} - sys_days{*from}).count();
    if (span < 0) {
      q.error("date_to", "invalid_range",
              {"Debe ser igual o posterior a date_from", "Must be on or after date_from"});
    } else if (span + 1 > kMaxRangeDays) {
      q.error("date_to", "range_too_long",
              {"El rango de fechas no puede superar 366 días", "The date range cannot exceed 366 days"});
    }
  }
  f.status = q.choice<RequestStatus>("status", {{"pending", RequestStatus::pending},
                                                {"approved", RequestStatus::approved},
                                                {"denied", RequestStatus::denied},
                                                {"partially_approved", RequestStatus::partially_approved},
                                                {"referred", RequestStatus::referred},
                                                {"annulled", RequestStatus::annulled}});
  const bool has_type = q.text("document_type").has_value();
  const bool has_number = q.text("document_number").has_value();
  f.document_type = catalog_code(q, "document_type", catalogs, catalog::kDocumentTypes);
  f.document_number = code(q, "document_number", 40, false);
  const core::Text together{"El tipo y el número de documento se consultan juntos",
                            "Document type and number go together"};
  if (has_type && !has_number) q.error("document_number", "required", together);
  if (has_number && !has_type) q.error("document_type", "required", together);
  f.patient_location = catalog_code(q, "patient_location", catalogs, catalog::kPatientLocations);
  f.service = catalog_code(q, "service", catalogs, catalog::kServices);
  f.light = q.choice<TrafficLight>(
      "traffic_light",
      {{"white", TrafficLight::white}, {"yellow", TrafficLight::yellow}, {"red", TrafficLight::red}});
  f.annulment_requested = q.choice<bool>("annulment_requested", {{"true", true}, {"false", false}});
  f.sort = q.choice<RequestSort>("sort", {{"created", RequestSort::created_desc},
                                          {"due_at", RequestSort::due_at},
                                          {"light", RequestSort::light}})
               .value_or(RequestSort::created_desc);
  // A list by light is the auditor's work queue: most overdue first unless another order is asked for (and
  // the light index gives that order without a sort).
  if (f.light && !q.text("sort")) f.sort = RequestSort::due_at;
  // Provider users see their pending requests by default (AUT-7); any explicit status or light is theirs.
  if (provider_user && !f.status && !f.light && !q.text("status")) f.status = RequestStatus::pending;
  f.page = q.integer("page", 1, 1000000).value_or(1);
  f.per_page = q.integer("per_page", 1, 200).value_or(20);
  return f;
}

TimeRange bogota_range(const RequestFilter& f, core::Instant now) {
  const auto start = [](const std::optional<std::string>& date, int offset) -> std::optional<core::Instant> {
    const auto d = date ? core::parse_date(*date) : std::nullopt;
    if (!d) return std::nullopt;
    return core::bogota_day_start(year_month_day{sys_days{*d} + days{offset}});
  };
  TimeRange range;
  if (f.date_from || f.date_to) {
    range.from = start(f.date_from, 0);
    range.to = start(f.date_to, 1);
  } else if (uses_default_day(f)) {
    const std::optional<std::string> today = core::bogota_date_string(now);
    range.from = start(today, 0);
    range.to = start(today, 1);
  }
  return range;
}

}  // namespace portal::authorizations
