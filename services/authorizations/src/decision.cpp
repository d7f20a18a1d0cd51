#include "decision.hpp"

#include <algorithm>
#include <map>

#include "portal/catalog/diagnosis.hpp"
#include "portal/json/json.hpp"
#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"
#include "pos_denial.hpp"

namespace portal::authorizations {
namespace {

std::optional<std::string> text(json::ObjectReader& r, std::string_view name, std::size_t max_len,
                                bool required) {
  auto v = required ? r.required_string(name, max_len) : r.optional_string(name, max_len);
  if (!v) return std::nullopt;
  if (json::is_blank(*v)) {
    if (required) r.add_error(name, "required", json::required_message());
    return std::nullopt;
  }
  return v;
}

void read_denial(json::ObjectReader& r, Decision& d, core::FieldErrors& errors) {
  if (const auto* doctor = r.required_object("treating_doctor")) {
    json::ObjectReader doc(*doctor, errors, "treating_doctor");
    TreatingDoctor t;
    t.name = text(doc, "name", 200, true).value_or("");
    t.document_number = text(doc, "document_number", 20, true).value_or("");
    d.treating_doctor = t;
  }
  d.justification = text(r, "justification", kMaxDecisionText, d.kind == DecisionKind::deny);
  if (auto alternatives = r.optional_string_array("alternatives", kMaxAlternatives, 1000)) {
    for (auto& a : *alternatives) {
      if (!json::is_blank(a)) d.alternatives.push_back(std::move(a));
    }
    if (d.alternatives.empty())
      r.add_error("alternatives", "required",
                  {"Indique al menos una alternativa", "Give at least one alternative"});
  } else if (!r.has("alternatives")) {
    r.add_error("alternatives", "required", json::required_message());
  }
}

void read_items(json::ObjectReader& r, Decision& d, core::FieldErrors& errors) {
  const auto* items = r.required_array("items");
  if (!items) return;
  if (items->Empty()) r.add_error("items", "required", json::required_message());
  for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
    const std::string name = "items[" + std::to_string(i) + "]";
    if (!(*items)[i].IsObject()) {
      r.add_error(name, "invalid_type", json::invalid_type_message("un objeto", "an object"));
      continue;
    }
    json::ObjectReader item((*items)[i], errors, r.path(name));
    DecisionItem it;
    auto code = item.has("cups_code") ? text(item, "cups_code", 20, true) : text(item, "code", 20, true);
    it.code = code.value_or("");
    const auto outcome = item.required_enum("decision", {"approve", "deny"});
    it.outcome = outcome && *outcome == "deny" ? LineOutcome::denied : LineOutcome::approved;
    it.justification = text(item, "justification", kMaxDecisionText, false);
    d.items.push_back(std::move(it));
  }
}

std::string line_name(const RequestLine& l) {
  return (l.type == LineType::procedure ? "CUPS " : "") + l.code;
}

}  // namespace

std::string_view to_string(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::approve:
      return "approve";
    case DecisionKind::deny:
      return "deny";
    case DecisionKind::partial:
      return "partial";
    case DecisionKind::refer:
      return "refer";
    case DecisionKind::annul:
      return "annul";
  }
  return "approve";
}

RequestStatus status_after(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::approve:
      return RequestStatus::approved;
    case DecisionKind::deny:
      return RequestStatus::denied;
    case DecisionKind::partial:
      return RequestStatus::partially_approved;
    case DecisionKind::refer:
      return RequestStatus::referred;
    case DecisionKind::annul:
      return RequestStatus::annulled;
  }
  return RequestStatus::approved;
}

std::string_view to_string(LineOutcome outcome) {
  return outcome == LineOutcome::approved ? "approved" : "denied";
}

Decision parse_decision(const rapidjson::Value& body, core::FieldErrors& errors) {
  Decision d;
  json::ObjectReader r(body, errors);
  const auto kind = r.required_enum("decision", {"approve", "deny", "partial", "refer", "annul"});
  d.observations = text(r, "observations", kMaxDecisionText, false);
  if (!kind) return d;
  static const std::map<std::string, DecisionKind, std::less<>> kinds = {{"approve", DecisionKind::approve},
                                                                         {"deny", DecisionKind::deny},
                                                                         {"partial", DecisionKind::partial},
                                                                         {"refer", DecisionKind::refer},
                                                                         {"annul", DecisionKind::annul}};
  d.kind = kinds.at(*kind);
  switch (d.kind) {
    case DecisionKind::approve:
      break;
    case DecisionKind::deny:
      read_denial(r, d, errors);
      break;
    case DecisionKind::partial:
      read_items(r, d, errors);
      read_denial(r, d, errors);
      break;
    case DecisionKind::refer:
      if (const auto* p = r.required_object("provider")) {
        json::ObjectReader provider(*p, errors, "provider");
        ReferredProvider rp;
        rp.nit = text(provider, "nit", 20, true).value_or("");
        rp.habilitation_code = text(provider, "habilitation_code", 20, true).value_or("");
        d.provider = rp;
      }
      break;
    case DecisionKind::annul:
      d.reason = r.required_enum("reason", {"typing_error", "duplicate", "relevance"});
      break;
  }
  return d;
}

bool DecisionPlan::has_authorization() const {
  return std::any_of(outcomes.begin(), outcomes.end(), [](auto o) { return o == LineOutcome::approved; });
}
bool DecisionPlan::has_denial() const {
  return std::any_of(outcomes.begin(), outcomes.end(), [](auto o) { return o == LineOutcome::denied; });
}

DecisionPlan plan_decision(const AuthorizationRequest& r, const Decision& d,
                           const catalog::Catalogs& catalogs, std::chrono::year_month_day today,
                           core::FieldErrors& errors) {
  DecisionPlan plan;
  plan.to = status_after(d.kind);
  const auto& lines = r.draft.lines;
  plan.justifications.assign(lines.size(), "");
  if (d.kind == DecisionKind::annul) {
    plan.outcomes.assign(lines.size(), std::nullopt);
    return plan;
  }
  const LineOutcome all = d.kind == DecisionKind::deny ? LineOutcome::denied : LineOutcome::approved;
  plan.outcomes.assign(lines.size(), all);
  std::vector<std::string> fields(lines.size(), "decision");
  if (d.kind == DecisionKind::partial) {
    std::vector<bool> named(lines.size(), false);
    for (std::size_t i = 0; i < d.items.size(); ++i) {
      const auto& item = d.items[i];
      const std::string name = "items[" + std::to_string(i) + "]";
      if (item.code.empty()) continue;  // already a shape error
      const auto it =
          std::find_if(lines.begin(), lines.end(), [&](const RequestLine& l) { return l.code == item.code; });
      if (it == lines.end()) {
        errors.push_back(
            {name + ".code",
             "unknown_line",
             {"La solicitud no tiene la línea " + item.code, "The request has no line " + item.code}});
        continue;
      }
      const auto k = static_cast<std::size_t>(it - lines.begin());
      if (named[k]) {
        errors.push_back({name + ".code",
                          "duplicate",
                          {"La línea " + item.code + " ya fue decidida en este cuerpo",
                           "Line " + item.code + " is already decided in this body"}});
        continue;
      }
      named[k] = true;
      plan.outcomes[k] = item.outcome;
      fields[k] = name + ".decision";
      if (item.justification) plan.justifications[k] = *item.justification;
    }
    std::string missing;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      if (!named[k]) missing += (missing.empty() ? "" : ", ") + lines[k].code;
    }
    if (!missing.empty()) {
      errors.push_back({"items",
                        "missing_lines",
                        {"Decida cada línea de la solicitud; faltan: " + missing,
                         "Decide every line of the request; missing: " + missing}});
    } else if (!plan.has_authorization() || !plan.has_denial()) {
      errors.push_back(
          {"items",
           "needs_both",
           {"Una decisión parcial aprueba al menos una línea y niega al menos otra (use approve o "
            "deny para todas)",
            "A partial decision approves at least one line and denies at least another (use approve "
            "or deny for all)"}});
    }
  }
  // AUT-4: POS lines cannot be denied, unless subsidio a la oferta.
  const auto birth = core::parse_date(r.affiliate.birth_date);
  const int age = birth ? catalog::age_on(*birth, today).years : 0;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (plan.outcomes[k] != LineOutcome::denied) continue;
    if (plan.justifications[k].empty()) plan.justifications[k] = d.justification.value_or("");
    if (plan.justifications[k].empty()) {
      const std::string field = fields[k] == "decision"
                                    ? std::string{"justification"}
                                    : fields[k].substr(0, fields[k].size() - 8) + "justification";
      errors.push_back({field,
                        "required",
                        {"Justifique la negación de " + line_name(lines[k]),
                         "Justify the denial of " + line_name(lines[k])}});
    }
    if (lines[k].type != LineType::procedure) continue;
    const auto p = catalogs.procedure(lines[k].code, lines[k].classification);
    const DenialFacts facts{p ? p->pos : true, age, r.affiliate.municipality_code};
    if (!may_deny(facts)) {
      errors.push_back(
          {fields[k],
           "pos_not_deniable",
           {"El procedimiento POS " + lines[k].code +
                " no puede negarse (subsidio a la demanda: el afiliado es menor de 18 años o vive en "
                "Cartagena o Barranquilla)",
            "POS procedure " + lines[k].code +
                " cannot be denied (subsidio a la demanda: the affiliate is under 18 or lives in "
                "Cartagena or Barranquilla)"}});
    }
  }
  return plan;
}

IssueDimensions issue_dimensions(const AuthorizationRequest& r, const std::vector<bool>& authorized,
                                 const catalog::Catalogs& catalogs) {
  IssueDimensions out;
  const auto& location = r.draft.patient_location;
  out.scope = location == "hospitalization" ? "hospital"
              : location == "emergency"     ? "emergency"
                                            : "ambulatory";
  out.service_group = "non_surgical_procedures";
  for (std::size_t i = 0; i < r.draft.lines.size(); ++i) {
    if (i < authorized.size() && !authorized[i]) continue;
    const auto& l = r.draft.lines[i];
    if (l.type == LineType::medicine) {
      out.service_group = "medicines";
    } else if (l.type == LineType::device) {
      out.service_group = "supplies";
    } else if (const auto p = catalogs.procedure(l.code, l.classification)) {
      out.service_group = p->group;
      if (l.classification == "home" || p->group == "home_care") out.scope = "home";
    }
    break;
  }
  return out;
}

IssuedAuthorization issued_authorization(const AuthorizationRequest& r, const std::vector<bool>& authorized,
                                         const std::string& provider_nit,
                                         const std::string& habilitation_code, core::Instant at,
                                         const catalog::Catalogs& catalogs) {
  IssuedAuthorization a;
  a.number = authorization_number(r.request_year, r.id);
  a.request_id = r.id;
  a.provider_nit = provider_nit;
  a.habilitation_code = habilitation_code;
  a.issued_at = at;
  const auto day = core::bogota_date(at);
  a.year = static_cast<int>(day.year());
  a.month = static_cast<int>(static_cast<unsigned>(day.month()));
  a.date = core::format_date(day);
  a.dimensions = issue_dimensions(r, authorized, catalogs);
  return a;
}

std::optional<long long> days_between(const std::string& from, const std::string& to) {
  const auto a = core::parse_date(from);
  const auto b = core::parse_date(to);
  if (!a || !b) return std::nullopt;
  return (std::chrono::sys_days{*b} - std::chrono::sys_days{*a}).count();
}

std::string denial_number(int year, long long id) { return "NEG-" + authorization_number(year, id); }

}  // namespace portal::authorizations
