// URG-3: list filters from the query string, and the Bogotá days they cover as UTC instants.
#include "urgency_filter.hpp"

#include <algorithm>
#include <cctype>

#include "portal/http/query_reader.hpp"
#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"
#include "urgency_json.hpp"  // the same length limits as the POST

namespace portal::urgencies {
namespace {

using catalog::Catalogs;
using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  return s;
}

template <typename Pred>
bool all_chars(std::string_view s, Pred pred) {
  return std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)); });
}

using http::QueryReader;

// A code of letters/digits (digits and '-' when `hyphen`), at most 20 characters.
std::optional<std::string> code(QueryReader& q, std::string_view name, bool hyphen, const core::Text& message,
                                std::size_t max_len = kMaxCodeLength) {
  auto v = q.text(name);
  if (!v) return std::nullopt;
  if (json::utf8_length(*v) > max_len) {
    q.error(name, "too_long", json::too_long_message(max_len));
    return std::nullopt;
  }
  if (!all_chars(*v, [&](unsigned char c) {
        return hyphen ? (std::isdigit(c) != 0 || c == '-') : std::isalnum(c) != 0;
      })) {
    q.error(name, "invalid_characters", message);
    return std::nullopt;
  }
  return v;
}

std::vector<std::string_view> codes_of(const Catalogs& catalogs, std::string_view name) {
  std::vector<std::string_view> out;
  if (const auto* c = catalogs.get(name)) {
    for (const auto& item : c->items()) out.emplace_back(item.code);
  }
  return out;
}

std::optional<std::string> catalog_code(QueryReader& q, std::string_view name, const Catalogs& catalogs,
                                        std::string_view catalog_name) {
  auto v = q.text(name);
  if (!v) return std::nullopt;
  if (catalogs.find(catalog_name, *v)) return v;
  q.error(name, "invalid_value", json::invalid_value_message(codes_of(catalogs, catalog_name)));
  return std::nullopt;
}

// URG-3 "notification date range": real dates, in order, at most a year (366 days counted inclusively).
void read_dates(QueryReader& q, NotificationFilter& f) {
  const auto from = q.date("date_from");
  const auto to = q.date("date_to");
  const auto on = q.date("notified_on");
  if (from) f.date_from = core::format_date(*from);
  if (to) f.date_to = core::format_date(*to);
  if (on) f.notified_on = core::format_date(*on);
  if (from && to) {
    const auto span = (sys_days{*to} - sys_days{*from}).count();
    if (span < 0) {
      q.error("date_to", "invalid_range",
              {"Debe ser igual o posterior a date_from", "Must be on or after date_from"});
    } else if (span + 1 > kMaxRangeDays) {
      const std::string n = std::to_string(kMaxRangeDays);
      q.error("date_to", "range_too_long",
              {"El rango de fechas no puede superar " + n + " días",
               "The date range cannot exceed " + n + " days"});
    }
  }
  if (q.text("notified_on") && (q.text("date_from") || q.text("date_to"))) {
    q.error("notified_on", "conflicts_with_date_range",
            {"Use notified_on (con el número de atención) o date_from/date_to, no ambos",
             "Use notified_on (with the attention number) or date_from/date_to, not both"});
  }
}

void read_location(QueryReader& q, const Catalogs& catalogs, NotificationFilter& f) {
  if (auto dept = q.text("department_code")) {
    const std::string code = catalog::normalize_code(catalog::kDepartments, *dept);
    if (catalogs.find(catalog::kDepartments, code)) {
      f.department_code = code;
    } else {
      q.error("department_code", "unknown_department",
              {"El departamento " + code + " no existe en DIVIPOLA",
               "Department " + code + " is not in DIVIPOLA"});
    }
  }
  if (auto muni = q.text("municipality_code")) {
    const std::string code = catalog::normalize_code(catalog::kDivipola, *muni);
    const auto m = catalogs.municipality(code);
    if (!m) {
      q.error("municipality_code", "unknown_municipality",
              {"El municipio " + code + " no existe en DIVIPOLA",
               "Municipality " + code + " is not in DIVIPOLA"});
    } else if (f.department_code && m->department_code != *f.department_code) {
      q.error("municipality_code", "municipality_not_in_department",
              {"El municipio " + code + " no pertenece al departamento " + *f.department_code,
               "Municipality " + code + " is not in department " + *f.department_code});
    } else {
      f.municipality_code = code;
    }
  }
}

void read_document(QueryReader& q, const Catalogs& catalogs, NotificationFilter& f) {
  const bool has_type = q.text("document_type").has_value();
  const bool has_number = q.text("document_number").has_value();
  f.document_type = catalog_code(q, "document_type", catalogs, catalog::kDocumentTypes);
  f.document_number = code(q, "document_number", false,
                           {"Solo puede contener letras y dígitos", "May only contain letters and digits"},
                           kMaxDocumentNumberLength);
  const core::Text together{"El tipo y el número de documento se consultan juntos",
                            "Document type and number go together"};
  if (has_type && !has_number) q.error("document_number", "required", together);
  if (has_number && !has_type) q.error("document_type", "required", together);
}

}  // namespace

NotificationFilter parse_filter(const QueryParams& query, const catalog::Catalogs& catalogs,
                                core::FieldErrors& errors) {
  NotificationFilter f;
  QueryReader q(query, errors);
  const core::Text letters_digits{"Solo puede contener letras y dígitos",
                                  "May only contain letters and digits"};

  f.provider_nit = code(q, "provider_nit", true,
                        {"Solo puede contener dígitos y guion", "May only contain digits and a hyphen"});
  // Stored upper-cased (urgency_json), so "a12" finds "A12".
  if (auto number = code(q, "attention_number", false, letters_digits)) f.attention_number = upper(*number);
  read_dates(q, f);
  if (q.text("notified_on") && !q.text("attention_number")) {
    q.error("notified_on", "requires_attention_number",
            {"La fecha de notificación se consulta junto con el número de atención",
             "The notification date goes with an attention number"});
  }
  read_document(q, catalogs, f);
  read_location(q, catalogs, f);

  if (auto dx = q.text("principal_diagnosis")) {
    const std::string code = catalog::normalize_cie10(*dx);
    if (auto problem = catalogs.check_diagnosis_exists(code)) {
      q.error("principal_diagnosis", problem->code, std::move(problem->message));
    } else {
      f.principal_diagnosis = code;
    }
  }
  f.destination = catalog_code(q, "destination", catalogs, catalog::kDestinations);
  if (auto nb = q.text("newborn")) {
    if (*nb == "true" || *nb == "false") {
      f.newborn = *nb == "true";
    } else {
      q.error("newborn", "invalid_value", json::invalid_value_message({"true", "false"}));
    }
  }
  f.page = q.integer("page", 1, 1000000).value_or(1);
  f.per_page = q.integer("per_page", 1, kFilterMaxPerPage).value_or(kFilterDefaultPerPage);
  return f;
}

bool uses_default_day(const NotificationFilter& f) {
  return !f.date_from && !f.date_to && !f.notified_on && !f.attention_number && !f.document_type &&
         !f.document_number;
}

TimeRange bogota_range(const NotificationFilter& f, core::Instant now) {
  // Dates come from parse_filter already validated; a hand-built filter with a bad date leaves that side
  // open.
  const auto start = [](const std::optional<std::string>& date, int offset) -> std::optional<core::Instant> {
    const auto d = date ? core::parse_date(*date) : std::nullopt;
    if (!d) return std::nullopt;
    return core::bogota_day_start(year_month_day{sys_days{*d} + days{offset}});
  };
  TimeRange range;
  if (f.notified_on) {
    range.from = start(f.notified_on, 0);
    range.to = start(f.notified_on, 1);
  } else if (f.date_from || f.date_to) {
    range.from = start(f.date_from, 0);
    range.to = start(f.date_to, 1);
  } else if (uses_default_day(f)) {
    const std::optional<std::string> today = core::bogota_date_string(now);
    range.from = start(today, 0);
    range.to = start(today, 1);
  }
  return range;
}

}  // namespace portal::urgencies
