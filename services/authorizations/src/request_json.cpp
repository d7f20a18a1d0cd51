// AUT-1: the authorization request body in.
#include "request_json.hpp"

#include <algorithm>
#include <cctype>

#include "portal/core/regulation.hpp"
#include "portal/directory/affiliate_rules.hpp"
#include "portal/json/json.hpp"
#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"
#include "request_rules.hpp"
#include "traffic_light.hpp"

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

AffiliateRef read_affiliate(json::ObjectReader& r, const catalog::Catalogs& catalogs,
                            core::FieldErrors& errors) {
  AffiliateRef ref;
  const auto* object = r.required_object("affiliate");
  if (!object) return ref;
  json::ObjectReader a(*object, errors, "affiliate");
  if (auto type = a.required_string("document_type", kMaxCodeLength)) {
    if (const auto* item = catalogs.find(catalog::kDocumentTypes, trim(*type))) {
      ref.document_type = item->code;
    } else {
      a.add_error("document_type", "invalid_value",
                  {"Tipo de documento desconocido", "Unknown document type"});
    }
  }
  if (auto number = a.required_string("document_number", kMaxCodeLength)) {
    const std::string n = trim(*number);
    if (alnum(n)) {
      ref.document_number = n;
    } else {
      a.add_error("document_number", "invalid_characters", letters_digits_message());
    }
  }
  if (auto child = a.optional_int("child_number", 1, kMaxChildNumber))
    ref.child_number = static_cast<int>(*child);
  return ref;
}

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
  d.affiliate = read_affiliate(r, catalogs, errors);
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

// ---- out -------------------------------------------------------------------------------------------------

namespace portal::authorizations {
namespace {

void write_str(json::Writer& w, std::string_view key, std::string_view value) {
  json::write_key(w, key);
  json::write_string(w, value);
}

void write_opt(json::Writer& w, std::string_view key, const std::optional<std::string>& value) {
  json::write_key(w, key);
  json::write_optional(w, value);
}

void write_text_or_null(json::Writer& w, std::string_view key, const std::string& value) {
  write_opt(w, key, value.empty() ? std::nullopt : std::optional<std::string>{value});
}

const Rule* rule_named(const RuleSet& rules, const std::string& id) {
  for (const auto& r : rules.rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

void write_lines(json::Writer& w, const AuthorizationRequest& r, LineType type, const char* key) {
  json::write_key(w, key);
  w.StartArray();
  for (std::size_t i = 0; i < r.draft.lines.size(); ++i) {
    const auto& l = r.draft.lines[i];
    if (l.type != type) continue;
    w.StartObject();
    write_str(w, type == LineType::procedure ? "cups_code" : "code", l.code);
    if (type == LineType::procedure) write_str(w, "classification", l.classification);
    json::write_key(w, "quantity");
    w.Int(l.quantity);
    write_opt(w, "purpose", l.purpose);
    write_opt(w, "modality", l.modality);
    json::write_key(w, "approved");
    w.Bool(i < r.line_approved.size() && r.line_approved[i]);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string evaluation_json(const Evaluation& evaluation, const RuleSet& rules,
                            const std::vector<RequestLine>& lines) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartArray();
  for (const auto& e : evaluation.lines) {
    w.StartObject();
    write_str(w, "line", line_path(lines, e.index));
    write_str(w, "type", to_string(e.type));
    write_str(w, "code", e.code);
    json::write_key(w, "approved");
    w.Bool(e.approved);
    json::write_key(w, "decided_by");
    w.StartArray();
    for (const auto& hit : e.decided_by) {
      w.StartObject();
      write_str(w, "rule_id", hit.rule_id);
      write_str(w, "outcome", to_string(hit.outcome));
      write_str(w, "reason", hit.reason);
      json::write_key(w, "description");
      w.StartObject();
      const Rule* rule = rule_named(rules, hit.rule_id);
      write_str(w, "es",
                rule ? rule->description.es : "Ninguna regla cubre esta línea: la revisa un auditor");
      write_str(w, "en", rule ? rule->description.en : "No rule covers this line: an auditor reviews it");
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
    json::write_key(w, "matched");
    w.StartArray();
    for (const auto& hit : e.matched) json::write_string(w, hit.rule_id);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

void write_request(json::Writer& w, const AuthorizationRequest& r, core::Instant now, core::Lang lang) {
  const auto& d = r.draft;
  const auto& a = r.affiliate;
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(r.id);
  write_str(w, "request_number", d.request_number);
  json::write_key(w, "request_year");
  w.Int(r.request_year);
  json::write_key(w, "provider");
  w.StartObject();
  write_str(w, "nit", r.provider_nit);
  write_str(w, "name", r.provider_name);
  write_str(w, "habilitation_code", r.habilitation_code);
  w.EndObject();
  json::write_key(w, "affiliate");
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
  write_str(w, "affiliation_status", a.affiliation_status);
  write_str(w, "municipality_code", a.municipality_code);
  w.EndObject();
  write_str(w, "attention_origin", d.attention_origin);
  write_str(w, "service_type", d.service_type);
  write_opt(w, "priority", d.priority);
  write_str(w, "patient_location", d.patient_location);
  write_str(w, "service", d.service);
  write_opt(w, "bed_number", d.bed_number);
  write_opt(w, "service_group", d.service_group);
  json::write_key(w, "diagnoses");
  w.StartObject();
  write_str(w, "principal", d.diagnoses.principal);
  json::write_key(w, "related");
  w.StartArray();
  for (const auto& c : d.diagnoses.related) json::write_string(w, c);
  w.EndArray();
  w.EndObject();
  write_str(w, "clinical_justification", d.clinical_justification);
  write_lines(w, r, LineType::procedure, "procedures");
  write_lines(w, r, LineType::medicine, "medicines");
  write_lines(w, r, LineType::device, "devices");
  json::write_key(w, "requester");
  w.StartObject();
  write_str(w, "name", d.requester.name);
  write_str(w, "position", d.requester.position);
  write_str(w, "phone", d.requester.phone);
  write_opt(w, "mobile", d.requester.mobile);
  w.EndObject();
  write_str(w, "status", to_string(r.status));
  write_text_or_null(w, "status_reason", r.status_reason);
  write_opt(w, "authorization_number", r.authorization_number);
  json::write_key(w, "rule_set_version");
  w.Int64(r.rule_set_version);
  json::write_key(w, "evaluation");
  w.RawValue(r.evaluation_json.c_str(), r.evaluation_json.size(), rapidjson::kArrayType);
  write_str(w, "created_at", core::to_rfc3339(r.created_at));
  write_opt(w, "due_at", r.due_at ? std::optional<std::string>{core::to_rfc3339(*r.due_at)} : std::nullopt);
  const auto light = traffic_light(r.status, d.patient_location, r.due_at, now);
  write_opt(w, "traffic_light",
            light ? std::optional<std::string>{std::string(to_string(*light))} : std::nullopt);
  write_str(w, "format_in_force",
            core::format_in_force(r.created_at) == core::RecordFormat::res2335 ? "res2335" : "res3047");
  json::write_key(w, "annulment_request");
  if (r.annulment_reason) {
    w.StartObject();
    write_str(w, "reason", *r.annulment_reason);
    write_opt(w, "requested_at",
              r.annulment_requested_at
                  ? std::optional<std::string>{core::to_rfc3339(*r.annulment_requested_at)}
                  : std::nullopt);
    w.EndObject();
  } else {
    w.Null();
  }
  json::write_key(w, "warnings");
  w.StartArray();
  for (const auto& code : r.warnings) {
    w.StartObject();
    write_str(w, "code", code);
    write_str(w, "message",
              code == directory::kNewbornDiagnosesNotChecked
                  ? directory::newborn_diagnoses_warning_message().in(lang)
                  : code);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string request_json(const AuthorizationRequest& r, core::Instant now, core::Lang lang) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  write_request(w, r, now, lang);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace portal::authorizations
