#pragma once
// Shared helpers of the authorizations domain tests: the embedded catalogs, instants, a demo affiliate and
// a valid draft to vary.
#include "authorization.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"

namespace portal::authorizations::testing {

inline const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

inline core::Instant at(const char* rfc3339) { return *core::parse_rfc3339(rfc3339); }

inline AffiliateFacts adult() {
  AffiliateFacts a;
  a.id = 7;
  a.document_type = "CC";
  a.document_number = "1000000001";
  a.first_name = "María";
  a.first_surname = "Gómez";
  a.birth_date = "1990-05-10";
  a.sex = "F";
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = "08001";
  return a;
}

inline RequestLine procedure(std::string code, int quantity = 1, std::string classification = "") {
  RequestLine l;
  l.type = LineType::procedure;
  l.code = std::move(code);
  l.classification = std::move(classification);
  l.quantity = quantity;
  return l;
}

inline RequestLine medicine(std::string code, int quantity = 1) {
  RequestLine l;
  l.type = LineType::medicine;
  l.code = std::move(code);
  l.quantity = quantity;
  return l;
}

inline RequestDraft outpatient_draft() {
  RequestDraft d;
  d.request_number = "1001";
  d.affiliate = {"CC", "1000000001", std::nullopt};
  d.attention_origin = "general_illness";
  d.service_type = "elective";
  d.priority = "non_priority";
  d.patient_location = "outpatient";
  d.service = "general_medicine";
  d.diagnoses.principal = "J189";
  d.clinical_justification = "Control de neumonía";
  d.lines = {procedure("902045")};
  d.requester = {"Ana Ruiz", "Médica general", "6015550000", std::nullopt};
  return d;
}

}  // namespace portal::authorizations::testing
