// The request and its evaluation as the API answers them (AUT-1 201, AUT-7 detail and lists, AUT-2 evaluate).
#include <rapidjson/stringbuffer.h>

#include "portal/core/regulation.hpp"
#include "portal/directory/affiliate_rules.hpp"
#include "request_json.hpp"
#include "request_rules.hpp"
#include "traffic_light.hpp"

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
    // AUT-4: the auditor's answer for the line (approved at once: approved), and a denied line's reason.
    std::optional<std::string> outcome;
    if (i < r.line_outcome.size() && !r.line_outcome[i].empty()) outcome = r.line_outcome[i];
    if (!outcome && r.auto_approved) outcome = "approved";
    write_opt(w, "decision", outcome);
    write_opt(w, "denial_justification",
              i < r.line_justification.size() && !r.line_justification[i].empty()
                  ? std::optional<std::string>{r.line_justification[i]}
                  : std::nullopt);
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
  write_opt(w, "decided_at",
            r.decided_at ? std::optional<std::string>{core::to_rfc3339(*r.decided_at)} : std::nullopt);
  json::write_key(w, "auto_approved");
  w.Bool(r.auto_approved);
  write_opt(w, "denial_number", r.denial_number);
  json::write_key(w, "referred_to");
  if (r.referred_to) {
    w.StartObject();
    write_str(w, "nit", r.referred_to->nit);
    write_str(w, "habilitation_code", r.referred_to->habilitation_code);
    write_str(w, "name", r.referred_to->name);
    w.EndObject();
  } else {
    w.Null();
  }
  write_opt(w, "annulment_cause", r.annulment_cause);
  write_opt(w, "authorization_used_on", r.authorization_used_on);
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
