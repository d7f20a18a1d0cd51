#include "report_json.hpp"

#include <rapidjson/stringbuffer.h>

#include <initializer_list>
#include <utility>

#include "portal/core/regulation.hpp"

namespace portal::inconsistencies {
namespace {

std::string text(json::ObjectReader& r, std::string_view name, std::size_t max = 200) {
  return r.optional_string(name, max).value_or("");
}

// Trimmed, inner runs of spaces folded: names are compared and printed as written on the document.
std::string tidy(std::string s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void str(json::Writer& w, std::string_view key, std::string_view value) {
  json::write_key(w, key);
  json::write_string(w, value);
}

void opt(json::Writer& w, std::string_view key, const std::string& value) {
  json::write_key(w, key);
  if (value.empty()) {
    w.Null();
  } else {
    json::write_string(w, value);
  }
}

std::string finish(rapidjson::StringBuffer& buffer) { return {buffer.GetString(), buffer.GetSize()}; }

void write_variables(json::Writer& w, const std::vector<Variable>& vs) {
  w.StartArray();
  for (auto v : vs) json::write_string(w, to_string(v));
  w.EndArray();
}

// An object whose members are texts written as null when empty: the document's data and the contact.
void write_optional_texts(json::Writer& w, std::string_view key,
                          std::initializer_list<std::pair<std::string_view, const std::string&>> members) {
  json::write_key(w, key);
  w.StartObject();
  for (const auto& [name, value] : members) opt(w, name, value);
  w.EndObject();
}

// The person reported about, as the caller named them (the full report and the list's summary).
void write_affiliate(json::Writer& w, const ReportDraft& d) {
  json::write_key(w, "affiliate");
  w.StartObject();
  str(w, "document_type", d.affiliate_document_type);
  str(w, "document_number", d.affiliate_document_number);
  w.EndObject();
}

void write_draft_members(json::Writer& w, const ReportDraft& d) {
  write_affiliate(w, d);
  json::write_key(w, "variables");
  write_variables(w, d.variables);
  const auto& doc = d.document;
  write_optional_texts(w, "document_data",
                       {{"first_surname", doc.first_surname},
                        {"second_surname", doc.second_surname},
                        {"first_name", doc.first_name},
                        {"second_name", doc.second_name},
                        {"document_type", doc.document_type},
                        {"document_number", doc.document_number},
                        {"birth_date", doc.birth_date}});
  const auto& c = d.contact;
  write_optional_texts(w, "contact",
                       {{"address", c.address},
                        {"phone", c.phone},
                        {"mobile", c.mobile},
                        {"email", c.email},
                        {"department_code", c.department_code},
                        {"municipality_code", c.municipality_code},
                        {"alternative_address", c.alternative_address},
                        {"emergency_contact_name", c.emergency_contact_name},
                        {"emergency_contact_phone", c.emergency_contact_phone}});
  json::write_key(w, "reporter");
  w.StartObject();
  str(w, "document_number", d.reporter.document_number);
  str(w, "name", d.reporter.name);
  opt(w, "phone", d.reporter.phone);
  opt(w, "mobile", d.reporter.mobile);
  str(w, "position", d.reporter.position);
  w.EndObject();
  opt(w, "observation", d.observation);
}

}  // namespace

ReportDraft read_draft(const rapidjson::Value& body, core::FieldErrors& errors) {
  ReportDraft d;
  json::ObjectReader in(body, errors);
  if (const auto* a = in.required_object("affiliate")) {
    json::ObjectReader r(*a, errors, "affiliate.");
    d.affiliate_document_type = r.required_string("document_type", 10).value_or("");
    d.affiliate_document_number = r.required_string("document_number", 20).value_or("");
  }
  if (const auto* vs = in.optional_array("variables")) {
    if (vs->Size() > 3) {
      in.add_error("variables", "too_many",
                   {"Hay tres variables como máximo.", "There are three variables at most."});
    } else {
      for (rapidjson::SizeType i = 0; i < vs->Size(); ++i) {
        const auto& v = (*vs)[i];
        const auto parsed =
            v.IsString() ? variable_from_string({v.GetString(), v.GetStringLength()}) : std::nullopt;
        if (parsed) {
          d.variables.push_back(*parsed);
        } else {
          in.add_error("variables[" + std::to_string(i) + "]", "invalid_value",
                       {"Variable desconocida: document_and_birth_date, names o surnames.",
                        "Unknown variable: document_and_birth_date, names or surnames."});
        }
      }
    }
  }
  if (const auto* doc = in.optional_object("document_data")) {
    json::ObjectReader r(*doc, errors, "document_data.");
    d.document.first_surname = tidy(text(r, "first_surname", 60));
    d.document.second_surname = tidy(text(r, "second_surname", 60));
    d.document.first_name = tidy(text(r, "first_name", 60));
    d.document.second_name = tidy(text(r, "second_name", 60));
    d.document.document_type = text(r, "document_type", 10);
    d.document.document_number = text(r, "document_number", 20);
    d.document.birth_date = text(r, "birth_date", 10);
  }
  if (const auto* c = in.optional_object("contact")) {
    json::ObjectReader r(*c, errors, "contact.");
    for (const auto* member : {"address", "phone", "mobile", "email", "department_code", "municipality_code",
                               "alternative_address", "emergency_contact_name", "emergency_contact_phone"}) {
      if (r.has(member)) d.contact_sent.emplace_back(member);
    }
    d.contact.address = tidy(text(r, "address", 200));
    d.contact.phone = text(r, "phone", 10);
    d.contact.mobile = text(r, "mobile", 10);
    d.contact.email = text(r, "email", 200);
    d.contact.department_code = text(r, "department_code", 2);
    d.contact.municipality_code = text(r, "municipality_code", 5);
    d.contact.alternative_address = tidy(text(r, "alternative_address", 200));
    d.contact.emergency_contact_name = tidy(text(r, "emergency_contact_name", 120));
    d.contact.emergency_contact_phone = text(r, "emergency_contact_phone", 10);
  }
  if (const auto* rep = in.required_object("reporter")) {
    json::ObjectReader r(*rep, errors, "reporter.");
    d.reporter.document_number = text(r, "document_number", 20);
    d.reporter.name = tidy(text(r, "name", 120));
    d.reporter.phone = text(r, "phone", 10);
    d.reporter.mobile = text(r, "mobile", 10);
    d.reporter.position = tidy(text(r, "position", 120));
  }
  d.observation = text(in, "observation", 2000);
  return d;
}

std::string draft_json(const ReportDraft& d) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  write_draft_members(w, d);
  w.EndObject();
  return finish(buffer);
}

std::string registry_json(const RegistryAffiliate& r) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(r.id);
  for (const auto& [k, v] : std::initializer_list<std::pair<const char*, const std::string*>>{
           {"document_type", &r.document_type},
           {"document_number", &r.document_number},
           {"first_name", &r.first_name},
           {"second_name", &r.second_name},
           {"first_surname", &r.first_surname},
           {"second_surname", &r.second_surname},
           {"birth_date", &r.birth_date},
           {"address", &r.address},
           {"phone", &r.phone},
           {"mobile", &r.mobile},
           {"email", &r.email},
           {"municipality_code", &r.municipality_code},
           {"regional", &r.regional}})
    opt(w, k, *v);
  w.EndObject();
  return finish(buffer);
}

std::optional<RegistryAffiliate> registry_from_json(std::string_view text_in) {
  auto parsed = json::parse(text_in);
  if (!parsed.ok()) return std::nullopt;
  const auto& o = parsed.doc;
  auto get = [&](const char* k) -> std::string {
    return o.HasMember(k) && o[k].IsString() ? std::string(o[k].GetString(), o[k].GetStringLength()) : "";
  };
  RegistryAffiliate r;
  if (o.HasMember("id") && o["id"].IsInt64()) r.id = o["id"].GetInt64();
  r.document_type = get("document_type");
  r.document_number = get("document_number");
  r.first_name = get("first_name");
  r.second_name = get("second_name");
  r.first_surname = get("first_surname");
  r.second_surname = get("second_surname");
  r.birth_date = get("birth_date");
  r.address = get("address");
  r.phone = get("phone");
  r.mobile = get("mobile");
  r.email = get("email");
  r.municipality_code = get("municipality_code");
  r.regional = get("regional");
  return r;
}

std::string variables_json(const std::vector<Variable>& vs) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  write_variables(w, vs);
  return finish(buffer);
}

std::vector<Variable> variables_from_json(std::string_view text_in) {
  std::vector<Variable> out;
  for (const auto& s : json::parse_string_array(text_in)) {
    if (auto v = variable_from_string(s)) out.push_back(*v);
  }
  return out;
}

void write_report(json::Writer& w, const Report& r, const Labels& labels, bool summary) {
  const bool en = labels.lang == core::Lang::en;
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(r.id);
  str(w, "number", std::to_string(r.id));
  str(w, "type", to_string(r.type));
  str(w, "type_label", type_label(r.type, labels.insurer, en));
  str(w, "status", to_string(r.status));
  str(w, "status_label", status_label(r.status, labels.insurer, en));
  str(w, "filed_at", core::to_rfc3339(r.filed_at));
  str(w, "format", core::format_in_force(r.filed_at) == core::RecordFormat::res2335 ? "res2335" : "res3047");
  json::write_key(w, "provider");
  w.StartObject();
  str(w, "nit", r.provider_nit);
  str(w, "name", r.provider_name);
  str(w, "habilitation_code", r.habilitation_code);
  str(w, "municipality_code", r.provider_municipality_code);
  str(w, "municipality_name", r.provider_municipality_name);
  w.EndObject();
  opt(w, "regional", r.regional);
  if (summary) {
    write_affiliate(w, r.draft);
  } else {
    write_draft_members(w, r.draft);
    json::write_key(w, "registry_affiliate_id");
    if (r.registry) {
      w.Int64(r.registry->id);
    } else {
      w.Null();
    }
  }
  json::write_key(w, "attachment");
  w.StartObject();
  str(w, "type", r.attachment.kind);
  json::write_key(w, "size");
  w.Int64(r.attachment.size);
  str(w, "sha256", r.attachment.sha256);
  str(w, "href", "/api/v1/inconsistency-reports/" + std::to_string(r.id) + "/attachment");
  w.EndObject();
  if (!summary) {
    json::write_key(w, "processing");
    w.StartArray();
    for (const auto& s : r.steps) {
      w.StartObject();
      str(w, "from", to_string(s.from));
      str(w, "to", to_string(s.to));
      json::write_key(w, "corrected_variables");
      write_variables(w, s.corrected);
      str(w, "registry_action", s.registry_action);
      json::write_key(w, "affiliate_id");
      if (s.affiliate_id) {
        w.Int64(*s.affiliate_id);
      } else {
        w.Null();
      }
      opt(w, "note", s.note);
      str(w, "processed_by", s.processed_by);
      str(w, "processed_at", s.processed_at);
      w.EndObject();
    }
    w.EndArray();
    json::write_key(w, "version");
    w.Int64(r.version);
  }
  w.EndObject();
}

std::string report_body(const Report& r, const Labels& labels) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  write_report(w, r, labels);
  return finish(buffer);
}

}  // namespace portal::inconsistencies
