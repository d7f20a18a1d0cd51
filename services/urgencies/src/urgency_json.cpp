// URG-1: the notification body in and out. Shape, lengths and catalog membership are checked here (one
// pass, every error collected); the business rules (URG-2) run afterwards in urgency_rules.
#include "urgency_json.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "portal/core/regulation.hpp"
#include "portal/directory/request_json.hpp"
#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"
#include "res3047_mapping.hpp"
#include "urgency_rules.hpp"

namespace portal::urgencies {
namespace {

using catalog::Catalogs;

constexpr std::size_t kMaxCatalogCodeLength = 40;  // longer than any code: a wrong one gets "invalid_value"

bool is_ascii_alnum(unsigned char c) { return std::isalnum(c) != 0; }

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

core::Text letters_digits_message() {
  return {"Solo puede contener letras y dígitos", "May only contain letters and digits"};
}

core::Text nit_message() {
  return {"Solo puede contener dígitos y guion", "May only contain digits and a hyphen"};
}

std::vector<std::string_view> codes_of(const Catalogs& catalogs, std::string_view name) {
  std::vector<std::string_view> out;
  if (const auto* c = catalogs.get(name)) {
    for (const auto& item : c->items()) out.emplace_back(item.code);
  }
  return out;
}

// A required string that must be a code of a catalog; "invalid_value" lists the allowed codes.
std::string read_catalog_code(json::ObjectReader& r, std::string_view field, const Catalogs& catalogs,
                              std::string_view catalog_name) {
  auto v = r.required_string(field, kMaxCatalogCodeLength);
  if (!v) return {};
  const std::string code = trim(*v);
  if (!catalogs.find(catalog_name, code)) {
    r.add_error(field, "invalid_value", json::invalid_value_message(codes_of(catalogs, catalog_name)));
    return {};
  }
  return code;
}

// An optional catalog code: "" when absent or blank; "invalid_value" (listing the codes) when unknown.
std::string read_optional_catalog_code(json::ObjectReader& r, std::string_view field,
                                       const Catalogs& catalogs, std::string_view catalog_name) {
  auto v = r.optional_string(field, kMaxCatalogCodeLength);
  if (!v || json::is_blank(*v)) return {};
  const catalog::Item* item = catalogs.find(catalog_name, trim(*v));
  if (!item) {
    r.add_error(field, "invalid_value", json::invalid_value_message(codes_of(catalogs, catalog_name)));
    return {};
  }
  return item->code;  // canonical form ("1" -> "01")
}

// A required catalog code whose canonical form is stored ("1" -> "01" for the RIPS lists).
std::string read_canonical_code(json::ObjectReader& r, std::string_view field, const Catalogs& catalogs,
                                std::string_view catalog_name) {
  const std::string code = read_catalog_code(r, field, catalogs, catalog_name);
  if (code.empty()) return {};
  return catalogs.find(catalog_name, code)->code;
}

// Issue 11: a body carrying any Res. 2335 procedure-2 code is a 2335 body; anything else is read as the
// Res. 3047 Anexo 2 body old clients send.
BodyShape shape_of(const rapidjson::Value& body) {
  if (!body.IsObject()) return BodyShape::res2335;
  for (const char* member : {"care_cause", "admission_route", "condition_destination"})
    if (body.HasMember(member)) return BodyShape::res2335;
  return BodyShape::res3047;
}

std::optional<std::string> read_care_address(json::ObjectReader& r) {
  auto v = r.optional_string("care_address", kMaxCareAddressLength);
  if (!v || json::is_blank(*v)) return std::nullopt;
  return trim(*v);
}

// An optional code made of allowed characters only; nullopt when absent, blank or invalid.
template <typename Allowed>
std::optional<std::string> read_code(json::ObjectReader& r, std::string_view field, Allowed allowed,
                                     const core::Text& message) {
  auto v = r.optional_string(field, kMaxCodeLength);
  if (!v) return std::nullopt;
  std::string code = trim(*v);
  if (code.empty()) return std::nullopt;
  if (!std::all_of(code.begin(), code.end(),
                   [&](char c) { return allowed(static_cast<unsigned char>(c)); })) {
    r.add_error(field, "invalid_characters", message);
    return std::nullopt;
  }
  return code;
}

std::optional<std::string> read_nit(json::ObjectReader& r, std::string_view field) {
  return read_code(
      r, field, [](unsigned char c) { return std::isdigit(c) != 0 || c == '-'; }, nit_message());
}

std::optional<std::string> read_alnum(json::ObjectReader& r, std::string_view field) {
  return read_code(r, field, is_ascii_alnum, letters_digits_message());
}

std::string read_attention_number(json::ObjectReader& r) {
  auto v = r.required_string("attention_number", kMaxAttentionNumberLength);
  if (!v) return {};
  std::string number = trim(*v);
  if (!std::all_of(number.begin(), number.end(),
                   [](char c) { return is_ascii_alnum(static_cast<unsigned char>(c)); })) {
    r.add_error("attention_number", "invalid_characters", letters_digits_message());
    return {};
  }
  // URG-2 uniqueness: "a12" and "A12" are the same attention number.
  std::transform(number.begin(), number.end(), number.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  return number;
}

AffiliateRef read_affiliate(json::ObjectReader& r, const Catalogs& catalogs, core::FieldErrors& errors) {
  AffiliateRef ref;
  const auto* object = r.required_object("affiliate");
  if (!object) return ref;
  json::ObjectReader a(*object, errors, "affiliate");
  ref.document_type = read_catalog_code(a, "document_type", catalogs, catalog::kDocumentTypes);
  if (auto number = a.required_string("document_number", kMaxDocumentNumberLength)) {
    const std::string n = trim(*number);
    if (std::all_of(n.begin(), n.end(),
                    [](char c) { return is_ascii_alnum(static_cast<unsigned char>(c)); })) {
      ref.document_number = n;
    } else {
      a.add_error("document_number", "invalid_characters", letters_digits_message());
    }
  }
  if (auto child = a.optional_int("child_number", 1, kMaxChildNumber))
    ref.child_number = static_cast<int>(*child);
  return ref;
}

// DIVIPOLA codes of the referring provider: each must exist, and the municipality must be in the department.
Referral read_referral(json::ObjectReader& r, const Catalogs& catalogs, core::FieldErrors& errors) {
  Referral referral;
  const auto* object = r.optional_object("referral");
  if (!object) return referral;
  json::ObjectReader f(*object, errors, "referral");
  referral.is_referred = f.optional_bool("is_referred").value_or(false);
  if (auto name = f.optional_string("provider_name", kMaxProviderNameLength)) {
    if (!json::is_blank(*name)) referral.provider_name = trim(*name);
  }
  referral.nit = read_nit(f, "nit");
  referral.habilitation_code = read_alnum(f, "habilitation_code");

  if (auto dept = f.optional_string("department_code", kMaxCodeLength); dept && !json::is_blank(*dept)) {
    const std::string code = catalog::normalize_code(catalog::kDepartments, trim(*dept));
    if (catalogs.find(catalog::kDepartments, code)) {
      referral.department_code = code;
    } else {
      f.add_error("department_code", "unknown_department",
                  {"El departamento " + code + " no existe en DIVIPOLA",
                   "Department " + code + " is not in DIVIPOLA"});
    }
  }
  if (auto muni = f.optional_string("municipality_code", kMaxCodeLength); muni && !json::is_blank(*muni)) {
    const std::string code = catalog::normalize_code(catalog::kDivipola, trim(*muni));
    if (const auto m = catalogs.municipality(code)) {
      if (referral.department_code && m->department_code != *referral.department_code) {
        f.add_error("municipality_code", "municipality_not_in_department",
                    {"El municipio " + code + " no pertenece al departamento " + *referral.department_code,
                     "Municipality " + code + " is not in department " + *referral.department_code});
      } else {
        referral.municipality_code = code;
      }
    } else {
      f.add_error("municipality_code", "unknown_municipality",
                  {"El municipio " + code + " no existe en DIVIPOLA",
                   "Municipality " + code + " is not in DIVIPOLA"});
    }
  }
  return referral;
}

core::Instant read_admitted_at(json::ObjectReader& r) {
  auto v = r.required_string("admitted_at", 40);
  if (!v) return {};
  if (auto t = core::parse_rfc3339(trim(*v))) return *t;
  r.add_error("admitted_at", "invalid_format",
              {"Debe ser una fecha y hora RFC 3339, p. ej. 2026-03-01T14:30:00-05:00",
               "Must be an RFC 3339 date-time, e.g. 2026-03-01T14:30:00-05:00"});
  return {};
}

void write_str(json::Writer& w, std::string_view key, std::string_view value) {
  json::write_key(w, key);
  json::write_string(w, value);
}

void write_opt(json::Writer& w, std::string_view key, const std::optional<std::string>& value) {
  json::write_key(w, key);
  json::write_optional(w, value);
}

// Empty optional texts of the snapshot (no second name) are written as null.
void write_text_or_null(json::Writer& w, std::string_view key, const std::string& value) {
  write_opt(w, key, value.empty() ? std::nullopt : std::optional<std::string>{value});
}

void write_referral(json::Writer& w, const Referral& r) {
  json::write_key(w, "referral");
  w.StartObject();
  json::write_key(w, "is_referred");
  w.Bool(r.is_referred);
  write_opt(w, "provider_name", r.provider_name);
  write_opt(w, "nit", r.nit);
  write_opt(w, "habilitation_code", r.habilitation_code);
  write_opt(w, "department_code", r.department_code);
  write_opt(w, "municipality_code", r.municipality_code);
  w.EndObject();
}

}  // namespace

NotificationDraft parse_notification(const rapidjson::Value& body, const catalog::Catalogs& catalogs,
                                     core::FieldErrors& errors, const ParseOptions& options) {
  NotificationDraft d;
  json::ObjectReader r(body, errors);
  // Once 3047 bodies are no longer accepted, a body without the 2335 codes is read as a 2335 one, so
  // each missing code is named as required.
  d.shape = options.accept_res3047 ? shape_of(body) : BodyShape::res2335;
  const bool res3047 = d.shape == BodyShape::res3047;
  d.attention_number = read_attention_number(r);
  d.affiliate = read_affiliate(r, catalogs, errors);
  d.attention_origin =
      res3047 ? read_catalog_code(r, "attention_origin", catalogs, catalog::kAttentionOrigins)
              : read_optional_catalog_code(r, "attention_origin", catalogs, catalog::kAttentionOrigins);
  if (!res3047) d.care_cause = read_canonical_code(r, "care_cause", catalogs, catalog::kCareCauses);
  d.triage = static_cast<int>(r.required_int("triage", 1, 5).value_or(0));
  d.referral = read_referral(r, catalogs, errors);
  d.admitted_at = read_admitted_at(r);
  if (!res3047)
    d.admission_route = read_canonical_code(r, "admission_route", catalogs, catalog::kAdmissionRoutes);
  d.care_address = read_care_address(r);
  d.consultation_reason =
      trim(r.required_string("consultation_reason", kMaxConsultationReasonLength).value_or(""));
  d.destination = res3047 ? read_catalog_code(r, "destination", catalogs, catalog::kDestinations)
                          : read_optional_catalog_code(r, "destination", catalogs, catalog::kDestinations);
  if (!res3047)
    d.condition_destination =
        read_canonical_code(r, "condition_destination", catalogs, catalog::kConditionDestinations);
  d.diagnoses = directory::read_diagnoses(r, errors);
  d.provider_nit = read_nit(r, "provider_nit");
  d.habilitation_code = read_alnum(r, "habilitation_code");
  // Old clients: their 3047 values mapped to the 2335 fields where a mapping exists (issue 11).
  complete_fields(d);
  return d;
}

bool accepts_res3047_body(core::Instant now, std::chrono::year_month_day last_day) {
  return std::chrono::sys_days{core::bogota_date(now)} <= std::chrono::sys_days{last_day};
}

void write_notification(json::Writer& w, const Notification& n, core::Lang lang) {
  const auto& d = n.draft;
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(n.id);
  json::write_key(w, "provider");
  w.StartObject();
  write_str(w, "nit", n.provider_nit);
  write_str(w, "name", n.provider_name);
  write_str(w, "habilitation_code", n.habilitation_code);
  w.EndObject();
  write_str(w, "attention_number", d.attention_number);
  json::write_key(w, "affiliate");
  directory::write_affiliate(w, n.affiliate);
  write_text_or_null(w, "attention_origin", d.attention_origin);
  write_text_or_null(w, "care_cause", d.care_cause);
  json::write_key(w, "triage");
  w.Int(d.triage);
  write_referral(w, d.referral);
  write_str(w, "admitted_at", core::to_rfc3339(d.admitted_at));
  write_text_or_null(w, "admission_route", d.admission_route);
  write_opt(w, "care_address", d.care_address);
  write_str(w, "consultation_reason", d.consultation_reason);
  write_text_or_null(w, "destination", d.destination);
  write_text_or_null(w, "condition_destination", d.condition_destination);
  json::write_key(w, "diagnoses");
  directory::write_diagnoses(w, d.diagnoses);
  write_str(w, "notified_at", core::to_rfc3339(n.notified_at));
  write_str(w, "notified_day", n.notified_day);
  write_str(w, "format_in_force", core::format_code(core::format_in_force(n.notified_at)));
  write_str(w, "submitted_format", d.shape == BodyShape::res3047 ? "res3047" : "res2335");
  json::write_key(w, "warnings");
  w.StartArray();
  for (const auto& code : n.warnings) {
    w.StartObject();
    write_str(w, "code", code);
    write_str(w, "message", warning_message(code).in(lang));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string notification_json(const Notification& n, core::Lang lang) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  write_notification(w, n, lang);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace portal::urgencies
