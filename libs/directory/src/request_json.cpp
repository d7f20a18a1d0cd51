#include "portal/directory/request_json.hpp"

#include <algorithm>
#include <cctype>

#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"

namespace portal::directory {
namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

void write_str(json::Writer& w, std::string_view key, std::string_view value) {
  json::write_key(w, key);
  json::write_string(w, value);
}

void write_text_or_null(json::Writer& w, std::string_view key, const std::string& value) {
  json::write_key(w, key);
  json::write_optional(w, value.empty() ? std::nullopt : std::optional<std::string>{value});
}

}  // namespace

AffiliateRef read_affiliate_ref(json::ObjectReader& r, const catalog::Catalogs& catalogs,
                                core::FieldErrors& errors) {
  AffiliateRef ref;
  const auto* object = r.required_object("affiliate");
  if (!object) return ref;
  json::ObjectReader a(*object, errors, r.path("affiliate"));
  if (auto type = a.required_string("document_type", 40)) {
    if (const auto* item = catalogs.find(catalog::kDocumentTypes, trim(*type))) {
      ref.document_type = item->code;
    } else {
      a.add_error("document_type", "invalid_value",
                  {"Tipo de documento desconocido", "Unknown document type"});
    }
  }
  if (auto number = a.required_string("document_number", kMaxDocumentNumberLength)) {
    const std::string n = trim(*number);
    if (!n.empty() &&
        std::all_of(n.begin(), n.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
      ref.document_number = n;
    } else {
      a.add_error("document_number", "invalid_characters",
                  {"Solo puede contener letras y dígitos", "May only contain letters and digits"});
    }
  }
  if (auto child = a.optional_int("child_number", 1, kMaxChildNumber))
    ref.child_number = static_cast<int>(*child);
  return ref;
}

DiagnosisCodes read_diagnoses(json::ObjectReader& r, core::FieldErrors& errors, std::string_view name) {
  DiagnosisCodes d;
  const auto* object = r.required_object(name);
  if (!object) return d;
  json::ObjectReader f(*object, errors, r.path(name));
  d.principal = trim(f.required_string("principal", kMaxDiagnosisCodeLength).value_or(""));
  const auto* related = f.optional_array("related");
  if (!related) return d;
  if (related->Size() > kMaxRelatedDiagnoses) {
    f.add_error("related", "too_many_items", json::too_many_items_message(kMaxRelatedDiagnoses));
    return d;
  }
  for (rapidjson::SizeType i = 0; i < related->Size(); ++i) {
    const auto& item = (*related)[i];
    const std::string field = "related[" + std::to_string(i) + "]";
    if (!item.IsString()) {
      f.add_error(field, "invalid_type", json::invalid_type_message("un texto", "a string"));
      d.related.emplace_back();
      continue;
    }
    const std::string_view text(item.GetString(), item.GetStringLength());
    if (json::is_blank(text)) {
      f.add_error(field, "required", json::required_message());
      d.related.emplace_back();
    } else if (json::utf8_length(text) > kMaxDiagnosisCodeLength) {
      f.add_error(field, "too_long", json::too_long_message(kMaxDiagnosisCodeLength));
      d.related.emplace_back();
    } else {
      d.related.push_back(trim(text));
    }
  }
  return d;
}

void write_diagnoses(json::Writer& w, const DiagnosisCodes& d) {
  w.StartObject();
  write_str(w, "principal", d.principal);
  json::write_key(w, "related");
  w.StartArray();
  for (const auto& code : d.related) json::write_string(w, code);
  w.EndArray();
  w.EndObject();
}

void write_affiliate(json::Writer& w, const AffiliateFacts& a) {
  w.StartObject();
  write_str(w, "document_type", a.document_type);
  write_str(w, "document_number", a.document_number);
  json::write_key(w, "child_number");
  if (a.child_number) {
    w.Int(*a.child_number);
  } else {
    w.Null();
  }
  write_str(w, "first_name", a.first_name);
  write_text_or_null(w, "second_name", a.second_name);
  write_str(w, "first_surname", a.first_surname);
  write_text_or_null(w, "second_surname", a.second_surname);
  write_str(w, "birth_date", a.birth_date);
  write_str(w, "sex", a.sex);
  write_str(w, "regime", a.regime);
  write_str(w, "municipality_code", a.municipality_code);
  w.EndObject();
}

}  // namespace portal::directory
