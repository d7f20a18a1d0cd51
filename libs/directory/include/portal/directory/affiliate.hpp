#pragma once
// The affiliate as the validating services see it (urgencies, authorizations, and next referrals and
// inconsistencies): how a request names the person, and what the affiliates service answered (AFF-1).
// Moved from services/urgencies in issue 12 so every service shares one copy.
#include <optional>
#include <string>

namespace portal::directory {

// Who a request is about: a person with a document, or a newborn "hijo de" identified by the mother's
// document plus `child_number` (1, 2, ... for twins).
struct AffiliateRef {
  std::string document_type;  // CC, TI, RC, ... (catalog document_types)
  std::string document_number;
  std::optional<int> child_number;  // set = the newborn of this document ("hijo de")
};

// The affiliate as the affiliates service answered (AFF-1), reduced to what the rules and documents need.
struct AffiliateFacts {
  long long id = 0;
  std::string document_type;  // the person's own document, or the mother's for a newborn
  std::string document_number;
  std::optional<int> child_number;
  std::string first_name;
  std::string second_name;
  std::string first_surname;
  std::string second_surname;
  std::string birth_date;  // YYYY-MM-DD
  std::string sex;         // F | M
  std::string regime;      // contributory | subsidized
  std::string affiliation_status;
  std::string data_quality;  // ok | inconsistent
  std::string municipality_code;
  std::string address;
  std::string phone;
  std::string mobile;  // inconsistency reports show the registry's contact data (INC-1, issue 17)
  std::string email;

  bool is_newborn() const { return child_number.has_value(); }
};

}  // namespace portal::directory
