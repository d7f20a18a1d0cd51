#pragma once
// AFF-1: an affiliate as the registry holds it. A newborn without its own document ("hijo de") has no
// document_type/number of its own and is identified by its mother's document plus a child number.
#include <optional>
#include <string>

namespace portal::affiliates {

struct Affiliate {
  long long id = 0;
  std::optional<std::string> document_type;
  std::optional<std::string> document_number;
  std::string first_name;
  std::optional<std::string> second_name;
  std::string first_surname;
  std::optional<std::string> second_surname;
  std::string birth_date;  // YYYY-MM-DD
  std::string sex;         // F | M
  std::string regime;      // subsidized | contributory
  std::string affiliation_status;
  std::string data_quality = "ok";  // ok | inconsistent
  std::string municipality_code;    // DIVIPOLA, 5 digits
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::optional<std::string> mobile;
  std::optional<std::string> email;
  std::optional<std::string> newborn_of_type;
  std::optional<std::string> newborn_of_number;
  std::optional<long long> child_number;
  long long version = 1;
  std::string created_at;
  std::string updated_at;

  bool is_newborn() const { return newborn_of_number.has_value(); }
};

}  // namespace portal::affiliates
