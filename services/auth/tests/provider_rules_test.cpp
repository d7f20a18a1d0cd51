#include <catch2/catch.hpp>

#include <algorithm>

#include "provider_rules.hpp"

using namespace portal;
using namespace portal::auth;

namespace {

ProviderDraft valid_provider() {
  ProviderDraft d;
  d.nit = "900123456";
  d.legal_name = "IPS Ejemplo S.A.S.";
  BranchDraft b;
  b.habilitation_code = "080010012301";
  b.name = "Sede Norte";
  b.department_code = "08";
  b.municipality_code = "08001";
  PersonDraft c;
  c.document_type = "CC";
  c.document_number = "72123456";
  c.first_name = "Ana";
  c.first_surname = "Ruiz";
  c.position = "Gerente";
  c.email = "ana@ips.example";
  b.contacts.push_back(c);
  d.branches = std::vector<BranchDraft>{b};
  return d;
}

std::vector<std::string> fields_and_codes(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("AUTH-1 provider registry load") {
  using Edit = void (*)(ProviderDraft&);
  struct Row {
    const char* name;
    Edit edit;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"valid", [](ProviderDraft&) {}, {}},
      {"NIT with check digit", [](ProviderDraft& d) { d.nit = "900123456-1"; }, {"nit:invalid_format"}},
      {"no branches", [](ProviderDraft& d) { d.branches = std::vector<BranchDraft>{}; }, {"branches:empty"}},
      {"missing everything", [](ProviderDraft& d) { d = ProviderDraft{}; },
       {"branches:required", "legal_name:required", "nit:required"}},
      {"duplicate habilitation code",
       [](ProviderDraft& d) { d.branches->push_back(d.branches->front()); },
       {"branches[1].habilitation_code:duplicate"}},
      {"DIVIPOLA mismatch", [](ProviderDraft& d) { d.branches->front().municipality_code = "13001"; },
       {"branches[0].municipality_code:municipality_mismatch"}},
      {"contact without e-mail", [](ProviderDraft& d) { d.branches->front().contacts.front().email.reset(); },
       {"branches[0].contacts[0].email:required"}},
      // Issue 11: the provider's own e-mail (reporting entity of Res. 2335 reports) is optional, valid if given.
      {"provider e-mail", [](ProviderDraft& d) { d.email = "urgencias@hospital.example"; }, {}},
      {"provider e-mail malformed", [](ProviderDraft& d) { d.email = "urgencias@"; }, {"email:invalid_format"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto d = valid_provider();
    row.edit(d);
    CHECK(fields_and_codes(validate_provider(d)) == row.expected);
  }
}
