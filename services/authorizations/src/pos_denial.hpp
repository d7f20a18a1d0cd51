#pragma once
// AUT-4 / SPEC §6: POS procedures cannot be denied — also as the denied part of a partial approval — except
// that a POS "subsidio a la demanda" procedure becomes "subsidio a la oferta", and may then be denied, when
// the affiliate is 18 or older on the Bogotá date of the decision and lives outside Cartagena (DIVIPOLA
// 13001) and Barranquilla (08001). Pure; the table test is tests/decision_rules_test.cpp.
#include <string>

namespace portal::authorizations {

inline constexpr const char* kCartagena = "13001";
inline constexpr const char* kBarranquilla = "08001";

struct DenialFacts {
  bool pos = true;                // the CUPS catalog's POS flag of the line (only CUPS procedures carry one)
  int age_years = 0;              // completed years on the Bogotá date of the decision
  std::string municipality_code;  // the affiliate's municipality of residence (DIVIPOLA, 5 digits)
};

enum class DenialPermission {
  allowed_non_pos,           // outside the benefits plan: may be denied
  allowed_subsidy_on_offer,  // POS, but subsidio a la oferta (adult outside Cartagena and Barranquilla)
  refused_pos,               // POS subsidio a la demanda: may not be denied
};

DenialPermission denial_permission(const DenialFacts& facts);
inline bool may_deny(const DenialFacts& facts) {
  return denial_permission(facts) != DenialPermission::refused_pos;
}

}  // namespace portal::authorizations
