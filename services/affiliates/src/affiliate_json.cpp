#include "affiliate_json.hpp"

#include "affiliate_rules.hpp"
#include "portal/json/json.hpp"

namespace portal::affiliates {
namespace {

// Present, null included (ObjectReader::has treats null as absent; PATCH uses null to clear).
bool present(const rapidjson::Value& body, std::string_view name) {
  return body.IsObject() &&
         body.FindMember(rapidjson::Value(name.data(), static_cast<rapidjson::SizeType>(name.size()))) !=
             body.MemberEnd();
}

void read_optional(const rapidjson::Value& body, json::ObjectReader& r, std::string_view name,
                   std::size_t max, std::optional<std::string>& out, bool names = false) {
  if (!present(body, name)) return;
  auto v = r.optional_string(name, max);
  if (v && names) v = normalize_spaces(*v);
  out = (v && !v->empty()) ? v : std::nullopt;
}

void read_required(const rapidjson::Value& body, json::ObjectReader& r, std::string_view name,
                   std::size_t max, std::string& out, bool names = false) {
  if (!present(body, name)) return;
  auto v = r.optional_string(name, max).value_or("");
  out = names ? normalize_spaces(v) : v;
}

}  // namespace

void apply_json(const rapidjson::Value& body, Affiliate& a, core::FieldErrors& errors) {
  json::ObjectReader r(body, errors);
  read_optional(body, r, "document_type", 10, a.document_type);
  read_optional(body, r, "document_number", 40, a.document_number);
  read_required(body, r, "first_name", 200, a.first_name, true);
  read_optional(body, r, "second_name", 200, a.second_name, true);
  read_required(body, r, "first_surname", 200, a.first_surname, true);
  read_optional(body, r, "second_surname", 200, a.second_surname, true);
  read_required(body, r, "birth_date", 20, a.birth_date);
  read_required(body, r, "sex", 10, a.sex);
  read_required(body, r, "regime", 40, a.regime);
  read_required(body, r, "affiliation_status", 40, a.affiliation_status);
  read_required(body, r, "data_quality", 40, a.data_quality);
  read_required(body, r, "municipality_code", 10, a.municipality_code);
  read_optional(body, r, "address", 300, a.address);
  read_optional(body, r, "phone", 40, a.phone);
  read_optional(body, r, "mobile", 40, a.mobile);
  read_optional(body, r, "email", 300, a.email);
  if (present(body, "child_number")) {
    a.child_number = r.optional_int("child_number", -1000000, 1000000);
  }
  if (present(body, "newborn_of")) {
    if (const auto* mother = r.optional_object("newborn_of")) {
      json::ObjectReader m(*mother, errors, "newborn_of.");
      a.newborn_of_type = m.optional_string("document_type", 10);
      a.newborn_of_number = m.optional_string("document_number", 40);
      if (!a.newborn_of_type && !a.newborn_of_number) a.newborn_of_type = "";  // present but empty: required
    } else {
      a.newborn_of_type.reset();
      a.newborn_of_number.reset();
    }
  }
}

}  // namespace portal::affiliates
