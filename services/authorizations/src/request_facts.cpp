#include "request_facts.hpp"

#include "portal/directory/affiliate_rules.hpp"

namespace portal::authorizations {

RequestFacts request_facts(const RequestDraft& draft, const std::vector<RequestLine>& lines,
                           const Diagnoses& diagnoses, const AffiliateFacts& affiliate, core::Instant now,
                           const catalog::Catalogs& catalogs, const FactSources& sources) {
  RequestFacts f;
  f.service_type = draft.service_type;
  f.priority = draft.priority.value_or("");
  f.patient_location = draft.patient_location;
  f.service = draft.service;
  f.diagnoses.push_back(diagnoses.principal);
  f.diagnoses.insert(f.diagnoses.end(), diagnoses.related.begin(), diagnoses.related.end());

  const auto person = directory::person_of(&affiliate, now);
  if (person.age) f.age_years = person.age->years;
  f.sex = affiliate.sex;
  f.regime = affiliate.regime;
  f.affiliation_status = affiliate.affiliation_status;
  f.municipality_code = affiliate.municipality_code;
  if (const auto m = catalogs.municipality(affiliate.municipality_code)) {
    f.department_code = m->department_code;
  } else if (affiliate.municipality_code.size() >= 2) {
    f.department_code = affiliate.municipality_code.substr(0, 2);
  }

  f.lines.reserve(lines.size());
  for (const auto& line : lines) {
    LineFacts l;
    l.type = line.type;
    l.code = line.code;
    l.classification = line.classification;
    l.quantity = line.quantity;
    if (line.type == LineType::procedure) {
      if (const auto p = catalogs.procedure(line.code, line.classification)) {
        l.group = p->group;
        l.pos = p->pos;
        l.surgical = p->surgical;
        l.hospital = p->hospital;
        l.copay = p->copay;
      }
    }
    l.contracted = sources.contracted_codes.contains(line.code);
    if (const auto it = sources.last_requested.find(line.code);
        it != sources.last_requested.end() && it->second <= now) {
      l.since_same_code = std::chrono::duration_cast<std::chrono::milliseconds>(now - it->second);
    }
    f.lines.push_back(std::move(l));
  }
  return f;
}

}  // namespace portal::authorizations
