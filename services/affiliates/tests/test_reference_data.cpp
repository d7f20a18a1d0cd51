#include "test_reference_data.hpp"

namespace portal::affiliates::test {

const ReferenceData& reference_data() {
  static const ReferenceData ref = [] {
    ReferenceData r;
    auto type = [&](std::string code, bool numeric, std::optional<int> min, std::optional<int> max) {
      r.document_types.emplace(code, DocumentTypeHint{code, numeric, min, max});
    };
    type("RC", true, std::nullopt, 6);
    type("TI", true, 7, 17);
    type("CC", true, 18, std::nullopt);
    type("CE", false, std::nullopt, std::nullopt);
    type("PA", false, std::nullopt, std::nullopt);
    type("MS", false, std::nullopt, 17);
    type("AS", false, 18, std::nullopt);
    type("CN", true, std::nullopt, 0);
    r.municipalities = {"08001", "13001", "08758", "11001", "05001"};
    r.call_actions.emplace("complaints", CallAction{"complaints", {"complaint_registration", "complaint_status"}, false});
    r.call_actions.emplace("general_information",
                           CallAction{"general_information", {"rights_verification", "ivr_redirection"}, false});
    r.call_actions.emplace("other", CallAction{"other", {}, true});
    return r;
  }();
  return ref;
}

}  // namespace portal::affiliates::test
