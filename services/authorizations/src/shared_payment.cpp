#include "shared_payment.hpp"

#include <algorithm>

namespace portal::authorizations {

SharedPayment shared_payment(const std::string& regime, bool outpatient, bool copay,
                             const SharedPaymentSettings& s) {
  SharedPayment p;
  if (regime != "contributory") {
    // Subsidized, level 1 (no SISBEN classification reaches the portal): exempt (Acuerdo 260 art. 11).
    p.level = 1;
    p.type = "05";
    return p;
  }
  p.level = std::clamp(s.contributory_level, 1, 3);
  const auto i = static_cast<std::size_t>(p.level - 1);
  if (copay) {
    // Acuerdo 260 art. 9: 11.5 %, 17.3 %, 23 % of the service; art. 11: at most 28.7 %, 115 %, 230 % of one
    // SMMLV per event.
    static constexpr double kPercent[] = {11.5, 17.3, 23.0};
    static constexpr long long kCapPerMille[] = {287, 1150, 2300};
    p.type = "01";
    p.copay_percent = kPercent[i];
    p.copay_cap = (s.minimum_wage * kCapPerMille[i] + 500) / 1000;  // integer pesos, rounded
    return p;
  }
  if (outpatient) {
    p.type = "02";
    p.amount = s.moderating_fee[i];
    return p;
  }
  p.type = "05";
  return p;
}

}  // namespace portal::authorizations
