#include "pos_denial.hpp"

namespace portal::authorizations {

DenialPermission denial_permission(const DenialFacts& f) {
  if (!f.pos) return DenialPermission::allowed_non_pos;
  const bool adult = f.age_years >= 18;
  const bool outside = f.municipality_code != kCartagena && f.municipality_code != kBarranquilla;
  return adult && outside ? DenialPermission::allowed_subsidy_on_offer : DenialPermission::refused_pos;
}

}  // namespace portal::authorizations
