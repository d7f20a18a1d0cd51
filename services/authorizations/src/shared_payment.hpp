#pragma once
// Res. 2335 procedure 4 fields 45-48 (type of shared payment, level of the person, amount in pesos, copay
// cap) of an authorization, derived from configuration and the affiliate's regime (docs/authorizations.md,
// "Shared payment"). Acuerdo 260 de 2004 (CNSSS): cuotas moderadoras apply to contributory affiliates in
// outpatient care; copagos to services the CUPS catalog flags `copay`; subsidized affiliates of level 1 pay
// neither. The affiliates service carries no income base (IBC) or SISBEN level, so the level is a
// configured default for contributory affiliates (PORTAL_AUTHORIZATIONS_CONTRIBUTORY_LEVEL) and 1 for
// subsidized ones. Pure: the table test is tests/decision_rules_test.cpp.
#include <array>
#include <optional>
#include <string>

namespace portal::authorizations {

struct SharedPaymentSettings {
  long long minimum_wage = 1423500;  // SMMLV in pesos (PORTAL_AUTHORIZATIONS_MINIMUM_WAGE)
  int contributory_level = 1;        // 1..3 (PORTAL_AUTHORIZATIONS_CONTRIBUTORY_LEVEL)
  // Cuota moderadora per level, pesos (PORTAL_AUTHORIZATIONS_MODERATING_FEE_1..3).
  std::array<long long, 3> moderating_fee{4700, 18900, 49500};
};

struct SharedPayment {
  std::string type;                     // shared_payment_types: 01 copago, 02 cuota moderadora, 05 no aplica
  int level = 1;                        // person_levels
  long long amount = 0;                 // pesos: the cuota moderadora; 0 for a copago (a share of the bill)
  std::optional<double> copay_percent;  // copago: share of the service value (Acuerdo 260 art. 9)
  std::optional<long long> copay_cap;   // copago: maximum per event, pesos (art. 11)
};

// `regime`: contributory | subsidized; `outpatient`: the request's location is outpatient; `copay`: some
// authorized line is flagged copay in the CUPS catalog.
SharedPayment shared_payment(const std::string& regime, bool outpatient, bool copay,
                             const SharedPaymentSettings& settings);

}  // namespace portal::authorizations
