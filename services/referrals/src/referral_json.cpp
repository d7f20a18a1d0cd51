#include "referral_json.hpp"

#include <algorithm>

#include "portal/directory/request_json.hpp"
#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"
#include "referral_rules.hpp"

namespace portal::referrals {
namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::string required_text(json::ObjectReader& r, std::string_view name, std::size_t max_len = 40) {
  return trim(r.required_string(name, max_len).value_or(""));
}

std::optional<std::string> optional_text(json::ObjectReader& r, std::string_view name,
                                         std::size_t max_len = 40) {
  auto v = r.optional_string(name, max_len);
  if (!v || json::is_blank(*v)) return std::nullopt;
  return trim(*v);
}

ProviderRef read_provider(json::ObjectReader& r, std::string_view name, core::FieldErrors& errors) {
  ProviderRef p;
  const auto* object = r.required_object(name);
  if (!object) return p;
  json::ObjectReader f(*object, errors, r.path(name));
  p.nit = required_text(f, "nit", 20);
  if (!p.nit.empty() &&
      !std::all_of(p.nit.begin(), p.nit.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; })) {
    f.add_error("nit", "invalid_characters",
                {"Solo puede contener dígitos y guion", "May only contain digits and a hyphen"});
  }
  p.habilitation_code = optional_text(f, "habilitation_code", 20);
  p.name = optional_text(f, "name", kMaxNameLength).value_or("");
  p.department_code = optional_text(f, "department_code", 5).value_or("");
  p.municipality_code = optional_text(f, "municipality_code", 8).value_or("");
  return p;
}

ClinicalUpdate read_update(json::ObjectReader& r, core::FieldErrors& errors) {
  ClinicalUpdate u;
  if (r.has("diagnoses")) u.diagnoses = directory::read_diagnoses(r, errors);
  u.requested_service = optional_text(r, "requested_service");
  u.pos = r.optional_bool("pos");
  u.ambulance_type = optional_text(r, "ambulance_type");
  u.transfer_type = optional_text(r, "transfer_type");
  u.transfer_requirements = optional_text(r, "transfer_requirements", kMaxRequirementsLength);
  return u;
}

void write_str(json::Writer& w, std::string_view key, std::string_view value) {
  json::write_key(w, key);
  json::write_string(w, value);
}

void write_opt(json::Writer& w, std::string_view key, const std::optional<std::string>& value) {
  json::write_key(w, key);
  json::write_optional(w, value);
}

void write_provider(json::Writer& w, std::string_view key, const ProviderRef& p) {
  json::write_key(w, key);
  w.StartObject();
  write_str(w, "nit", p.nit);
  write_opt(w, "habilitation_code", p.habilitation_code);
  write_str(w, "name", p.name);
  write_str(w, "department_code", p.department_code);
  write_str(w, "municipality_code", p.municipality_code);
  json::write_key(w, "registered");
  w.Bool(p.registered());
  w.EndObject();
}

// Only what the update carries: the timeline shows what each step changed.
void write_update(json::Writer& w, const ClinicalUpdate& u) {
  if (u.diagnoses) {
    json::write_key(w, "diagnoses");
    directory::write_diagnoses(w, *u.diagnoses);
  }
  if (u.requested_service) write_str(w, "requested_service", *u.requested_service);
  if (u.pos) {
    json::write_key(w, "pos");
    w.Bool(*u.pos);
  }
  if (u.ambulance_type) write_str(w, "ambulance_type", *u.ambulance_type);
  if (u.transfer_type) write_str(w, "transfer_type", *u.transfer_type);
  if (u.transfer_requirements) write_str(w, "transfer_requirements", *u.transfer_requirements);
}

void write_draft(json::Writer& w, const ReferralDraft& d) {
  w.StartObject();
  json::write_key(w, "affiliate");
  w.StartObject();
  write_str(w, "document_type", d.affiliate.document_type);
  write_str(w, "document_number", d.affiliate.document_number);
  if (d.affiliate.child_number) {
    json::write_key(w, "child_number");
    w.Int(*d.affiliate.child_number);
  }
  w.EndObject();
  write_str(w, "referral_type", d.referral_type);
  write_provider(w, "origin", d.origin);
  write_provider(w, "destination", d.destination);
  write_str(w, "origin_service", d.origin_service);
  json::write_key(w, "triage");
  w.Int(d.triage);
  json::write_key(w, "diagnoses");
  directory::write_diagnoses(w, d.diagnoses);
  write_str(w, "requested_service", d.requested_service);
  json::write_key(w, "pos");
  w.Bool(d.pos);
  write_str(w, "ambulance_type", d.ambulance_type);
  write_opt(w, "transfer_type", d.transfer_type);
  write_opt(w, "transfer_requirements", d.transfer_requirements);
  write_str(w, "treating_professional", d.treating_professional);
  json::write_key(w, "call_id");
  if (d.call_id) {
    w.Int64(*d.call_id);
  } else {
    w.Null();
  }
  const auto& f = d.res2335;
  write_opt(w, "email", f.email);
  write_opt(w, "care_address", f.care_address);
  json::write_key(w, "emergency_contact");
  if (f.emergency_contact_name || f.emergency_contact_phone) {
    w.StartObject();
    write_opt(w, "name", f.emergency_contact_name);
    write_opt(w, "phone", f.emergency_contact_phone);
    w.EndObject();
  } else {
    w.Null();
  }
  write_opt(w, "care_cause", f.care_cause);
  write_opt(w, "condition_destination", f.condition_destination);
  write_opt(w, "care_priority", f.care_priority);
  write_opt(w, "care_type", f.care_type);
  write_opt(w, "service_group", f.service_group);
  write_opt(w, "modality", f.modality);
  write_opt(w, "service_code", f.service_code);
  json::write_key(w, "procedures");
  w.StartArray();
  for (const auto& p : f.procedures) {
    w.StartObject();
    write_str(w, "cups_code", p.cups_code);
    json::write_key(w, "quantity");
    w.Int(p.quantity);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void write_step_body(json::Writer& w, const StepDraft& s) {
  write_str(w, "kind", to_string(s.kind));
  if (s.kind == StepKind::step) {
    write_str(w, "step", s.step);
  } else {
    write_str(w, "closure_reason", s.closure_reason);
    write_str(w, "arrival_condition", s.arrival_condition);
  }
  if (s.condition_destination) write_str(w, "condition_destination", *s.condition_destination);
  if (s.notes) write_str(w, "notes", *s.notes);
}

std::string rfc3339(core::Instant t) { return core::to_rfc3339(t); }

void write_common(json::Writer& w, const Referral& r, core::Lang lang) {
  json::write_key(w, "id");
  w.Int64(r.id);
  write_str(w, "status", to_string(r.status));
  write_str(w, "created_at", rfc3339(r.created_at));
  write_str(w, "created_by", r.created_by);
  write_opt(w, "accepted_at", r.accepted_at ? std::optional{rfc3339(*r.accepted_at)} : std::nullopt);
  write_opt(w, "closed_at", r.closed_at ? std::optional{rfc3339(*r.closed_at)} : std::nullopt);
  json::write_key(w, "newborn");
  w.Bool(r.draft.affiliate.child_number.has_value());
  json::write_key(w, "affiliate");
  directory::write_affiliate(w, r.affiliate);
  json::write_key(w, "initial");
  write_draft(w, r.draft);
  json::write_key(w, "warnings");
  w.StartArray();
  for (const auto& code : r.warnings) {
    w.StartObject();
    write_str(w, "code", code);
    write_str(w, "message", warning_message(code).in(lang));
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

ReferralDraft parse_registration(const rapidjson::Value& body, const catalog::Catalogs& catalogs,
                                 core::FieldErrors& errors) {
  ReferralDraft d;
  json::ObjectReader r(body, errors);
  d.affiliate = directory::read_affiliate_ref(r, catalogs, errors);
  d.referral_type = required_text(r, "referral_type");
  d.origin = read_provider(r, "origin", errors);
  d.destination = read_provider(r, "destination", errors);
  d.origin_service = required_text(r, "origin_service");
  d.triage = static_cast<int>(r.required_int("triage", 1, 5).value_or(0));
  d.diagnoses = directory::read_diagnoses(r, errors);
  d.requested_service = required_text(r, "requested_service");
  d.pos = r.required_bool("pos").value_or(true);
  d.ambulance_type = required_text(r, "ambulance_type");
  d.transfer_type = optional_text(r, "transfer_type");
  d.transfer_requirements = optional_text(r, "transfer_requirements", kMaxRequirementsLength);
  d.treating_professional = required_text(r, "treating_professional", kMaxNameLength);
  if (auto call = r.optional_int("call_id", 1, (1LL << 53))) d.call_id = *call;
  auto& f = d.res2335;
  f.email = optional_text(r, "email", 200);
  if (f.email && f.email->find('@') == std::string::npos) {
    r.add_error("email", "invalid_format", {"Debe ser una dirección de correo", "Must be an e-mail address"});
  }
  f.care_address = optional_text(r, "care_address", 200);
  if (const auto* contact = r.optional_object("emergency_contact")) {
    json::ObjectReader c(*contact, errors, "emergency_contact");
    f.emergency_contact_name = optional_text(c, "name", kMaxNameLength);
    f.emergency_contact_phone = optional_text(c, "phone", 40);
  }
  f.care_cause = optional_text(r, "care_cause");
  f.condition_destination = optional_text(r, "condition_destination");
  f.care_priority = optional_text(r, "care_priority");
  f.care_type = optional_text(r, "care_type");
  f.service_group = optional_text(r, "service_group");
  f.modality = optional_text(r, "modality");
  f.service_code = optional_text(r, "service_code", 20);
  if (const auto* procedures = r.optional_array("procedures")) {
    if (procedures->Size() > kMaxProcedures) {
      r.add_error("procedures", "too_many_items", json::too_many_items_message(kMaxProcedures));
    } else {
      for (rapidjson::SizeType i = 0; i < procedures->Size(); ++i) {
        const std::string name = "procedures[" + std::to_string(i) + "]";
        ProcedureLine line;
        if (!(*procedures)[i].IsObject()) {
          r.add_error(name, "invalid_type", json::invalid_type_message("un objeto", "an object"));
        } else {
          json::ObjectReader p((*procedures)[i], errors, r.path(name));
          line.cups_code = required_text(p, "cups_code", 20);
          line.quantity = static_cast<int>(p.required_int("quantity", 1, 999).value_or(1));
        }
        f.procedures.push_back(std::move(line));
      }
    }
  }
  return d;
}

StepDraft parse_step(const rapidjson::Value& body, core::FieldErrors& errors) {
  StepDraft s;
  json::ObjectReader r(body, errors);
  const auto kind = r.required_enum("kind", {"step", "closure"});
  s.kind = kind == "closure" ? StepKind::closure : StepKind::step;
  if (kind == "step") s.step = required_text(r, "step");
  if (kind == "closure") {
    s.closure_reason = required_text(r, "closure_reason");
    s.arrival_condition = required_text(r, "arrival_condition");
  }
  s.notes = optional_text(r, "notes", kMaxNotesLength);
  s.condition_destination = optional_text(r, "condition_destination");
  s.update = read_update(r, errors);
  return s;
}

std::string draft_json(const ReferralDraft& d) {
  rapidjson::StringBuffer buf;
  json::Writer w(buf);
  write_draft(w, d);
  return buf.GetString();
}

std::string step_json(const StepDraft& s) {
  rapidjson::StringBuffer buf;
  json::Writer w(buf);
  w.StartObject();
  write_step_body(w, s);
  write_update(w, s.update);
  w.EndObject();
  return buf.GetString();
}

ReferralDraft draft_from_json(std::string_view text, const catalog::Catalogs& catalogs) {
  auto parsed = json::parse(text);
  if (!parsed.ok()) return {};
  core::FieldErrors ignored;
  return parse_registration(parsed.doc, catalogs, ignored);
}

StepDraft step_from_json(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed.ok()) return {};
  core::FieldErrors ignored;
  return parse_step(parsed.doc, ignored);
}

std::string referral_json(const Referral& r, core::Lang lang) {
  rapidjson::StringBuffer buf;
  json::Writer w(buf);
  w.StartObject();
  write_common(w, r, lang);
  // REF-3: the initial data as the steps left it (the initial data above is never changed).
  const auto current = current_clinical_data(r);
  json::write_key(w, "current");
  w.StartObject();
  write_update(w, current);
  w.EndObject();
  json::write_key(w, "timeline");
  w.StartArray();
  // The registration opens the timeline (manual 000 Imagen 4.15: every action on the referral), seq 0.
  w.StartObject();
  json::write_key(w, "seq");
  w.Int(0);
  write_str(w, "kind", "registration");
  json::write_key(w, "changes");
  w.StartObject();
  w.EndObject();
  json::write_key(w, "status_before");
  w.Null();
  write_str(w, "status_after", to_string(Status::open));
  write_str(w, "at", rfc3339(r.created_at));
  json::write_key(w, "by");
  w.StartObject();
  write_str(w, "subject", r.created_by);
  write_str(w, "user_type", r.created_by_type);
  json::write_key(w, "provider_nit");
  w.Null();
  write_str(w, "client_ip", r.created_from);
  w.EndObject();
  w.EndObject();
  for (const auto& s : r.timeline) {
    w.StartObject();
    json::write_key(w, "seq");
    w.Int(s.seq);
    write_step_body(w, s.draft);
    json::write_key(w, "changes");
    w.StartObject();
    write_update(w, s.draft.update);
    w.EndObject();
    write_str(w, "status_before", to_string(s.status_before));
    write_str(w, "status_after", to_string(s.status_after));
    write_str(w, "at", rfc3339(s.at));
    json::write_key(w, "by");
    w.StartObject();
    write_str(w, "subject", s.actor.subject);
    write_str(w, "user_type", s.actor.user_type);
    write_opt(w, "provider_nit", s.actor.provider_nit);
    write_str(w, "client_ip", s.actor.client_ip);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buf.GetString();
}

void write_summary(json::Writer& w, const Referral& r, core::Lang lang) {
  w.StartObject();
  write_common(w, r, lang);
  w.EndObject();
}

}  // namespace portal::referrals
