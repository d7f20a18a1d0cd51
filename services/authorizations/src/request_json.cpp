// AUT-1: the authorization request body in.
#include "request_json.hpp"

#include <algorithm>
#include <cctype>

#include "portal/directory/request_json.hpp"
#include "portal/json/json.hpp"
#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"

namespace portal::authorizations {
namespace {

constexpr std::size_t kMaxCodeLength = 40;

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

bool alnum(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
}

core::Text letters_digits_message() {
  return {"Solo puede contener letras y dígitos", "May only contain letters and digits"};
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string required_text(json::ObjectReader& r, std::string_view name, std::size_t max_len) {
  return trim(r.required_string(name, max_len).value_or(""));
}

std::optional<std::string> optional_text(json::ObjectReader& r, std::string_view name, std::size_t max_len) {
  auto v = r.optional_string(name, max_len);
  if (!v || json::is_blank(*v)) return std::nullopt;
  return trim(*v);
}

// Not directory::read_diagnoses: AUT-1 takes codes up to 40 characters (related ones counted in bytes), the
// directory reader 20 (URG-1, REF-1); aligning them would change which bodies get too_long.
Diagnoses read_diagnoses(json::ObjectReader& r, core::FieldErrors& errors) {
  Diagnoses d;
  const auto* object = r.required_object("diagnoses");
  if (!object) return d;
  json::ObjectReader f(*object, errors, "diagnoses");
  d.principal = required_text(f, "principal", kMaxCodeLength);
  const auto* related = f.optional_array("related");
  if (!related) return d;
  if (related->Size() > kMaxRelatedDiagnoses) {
    f.add_error("related", "too_many_items", json::too_many_items_message(kMaxRelatedDiagnoses));
    return d;
  }
  for (rapidjson::SizeType i = 0; i < related->Size(); ++i) {
    const auto& item = (*related)[i];
    const std::string name = "related[" + std::to_string(i) + "]";
    if (!item.IsString()) {
      f.add_error(name, "invalid_type", json::invalid_type_message("un texto", "a string"));
      d.related.emplace_back();
    } else if (json::is_blank({item.GetString(), item.GetStringLength()})) {
      f.add_error(name, "required", json::required_message());
      d.related.emplace_back();
    } else if (item.GetStringLength() > kMaxCodeLength) {
      f.add_error(name, "too_long", json::too_long_message(kMaxCodeLength));
      d.related.emplace_back();
    } else {
      d.related.push_back(trim({item.GetString(), item.GetStringLength()}));
    }
  }
  return d;
}

// procedures: [{cups_code, classification?, quantity, purpose?, modality?}]; medicines and devices:
// [{code, quantity, purpose?, modality?}].
void read_lines(json::ObjectReader& r, const char* name, LineType type, core::FieldErrors& errors,
                std::vector<RequestLine>& out) {
  const auto* array = r.optional_array(name);
  if (!array) return;
  if (array->Size() > kMaxLines) {
    r.add_error(name, "too_many_items", json::too_many_items_message(kMaxLines));
    return;
  }
  for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
    const std::string path = std::string(name) + "[" + std::to_string(i) + "]";
    const auto& item = (*array)[i];
    RequestLine line;
    line.type = type;
    if (!item.IsObject()) {
      r.add_error(path.substr(0), "invalid_type", json::invalid_type_message("un objeto", "an object"));
      out.push_back(line);
      continue;
    }
    json::ObjectReader l(item, errors, r.path(path));
    const char* code_name = type == LineType::procedure ? "cups_code" : "code";
    const std::string code = upper(required_text(l, code_name, kMaxCodeLength));
    if (!code.empty() && !std::all_of(code.begin(), code.end(),
                                      [](unsigned char c) { return std::isalnum(c) != 0 || c == '-'; })) {
      l.add_error(
          code_name, "invalid_characters",
          {"Solo puede contener letras, dígitos y guion", "May only contain letters, digits and a hyphen"});
    } else {
      line.code = code;
    }
    if (type == LineType::procedure)
      line.classification = optional_text(l, "classification", kMaxCodeLength).value_or("");
    line.quantity = static_cast<int>(l.required_int("quantity", 1, kMaxQuantity).value_or(1));
    line.purpose = optional_text(l, "purpose", kMaxCodeLength);
    line.modality = optional_text(l, "modality", kMaxCodeLength);
    out.push_back(std::move(line));
  }
}

Requester read_requester(json::ObjectReader& r, core::FieldErrors& errors) {
  Requester q;
  const auto* object = r.required_object("requester");
  if (!object) return q;
  json::ObjectReader f(*object, errors, "requester");
  q.name = required_text(f, "name", 200);
  q.position = required_text(f, "position", 100);
  q.phone = required_text(f, "phone", 30);
  q.mobile = optional_text(f, "mobile", 30);
  return q;
}

}  // namespace

RequestDraft parse_request(const rapidjson::Value& body, const catalog::Catalogs& catalogs,
                           core::FieldErrors& errors) {
  RequestDraft d;
  json::ObjectReader r(body, errors);
  if (auto number = r.required_string("request_number", kMaxRequestNumberLength)) {
    const std::string n = trim(*number);
    if (alnum(n)) {
      d.request_number = upper(n);  // "a12" and "A12" are the same request number
    } else {
      r.add_error("request_number", "invalid_characters", letters_digits_message());
    }
  }
  d.affiliate = directory::read_affiliate_ref(r, catalogs, errors);
  d.attention_origin = required_text(r, "attention_origin", kMaxCodeLength);
  d.service_type = required_text(r, "service_type", kMaxCodeLength);
  d.priority = optional_text(r, "priority", kMaxCodeLength);
  d.patient_location = required_text(r, "patient_location", kMaxCodeLength);
  d.service = required_text(r, "service", kMaxCodeLength);
  if (auto bed = r.optional_string("bed_number", 20)) d.bed_number = trim(*bed);
  d.service_group = optional_text(r, "service_group", kMaxCodeLength);
  d.diagnoses = read_diagnoses(r, errors);
  d.clinical_justification = required_text(r, "clinical_justification", kMaxJustificationLength);
  read_lines(r, "procedures", LineType::procedure, errors, d.lines);
  read_lines(r, "medicines", LineType::medicine, errors, d.lines);
  read_lines(r, "devices", LineType::device, errors, d.lines);
  const bool lines_rejected = std::any_of(errors.begin(), errors.end(), [](const core::FieldError& e) {
    return e.field.starts_with("procedures") || e.field.starts_with("medicines") ||
           e.field.starts_with("devices");
  });
  if (d.lines.empty() && !lines_rejected) {
    r.add_error("procedures", "required",
                {"La solicitud lleva al menos un procedimiento, medicamento u otro servicio",
                 "A request carries at least one procedure, medicine or other service"});
  }
  d.requester = read_requester(r, errors);
  d.provider_nit = optional_text(r, "provider_nit", 20);
  d.habilitation_code = optional_text(r, "habilitation_code", 20);
  return d;
}

}  // namespace portal::authorizations
