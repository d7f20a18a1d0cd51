#pragma once
// INC-3: the registry changes a processing step makes, asked of the affiliates service over HTTP with the
// inconsistencies service's own token (client credentials, scope affiliates:write; never the auditor's
// token): POST /api/v1/affiliates creates the person (processed_pre_affiliated), PATCH
// /api/v1/affiliates/{id} writes the corrected variables (processed_partial, processed).
#include <optional>
#include <string>

#include "portal/core/log.hpp"
#include "portal/http/client.hpp"
#include "portal/service/service_token.hpp"
#include "report.hpp"
#include "report_rules.hpp"

namespace portal::inconsistencies {

enum class RegistryOutcome { done, conflict, refused, unavailable };

struct RegistryResult {
  RegistryOutcome outcome = RegistryOutcome::unavailable;
  std::optional<long long> affiliate_id;
  std::string detail;  // the affiliates service's problem body when it refused
};

// The JSON bodies, pure (unit-tested): the new affiliate from a not_in_database report, and the PATCH of
// the chosen variables (plus phone and mobile, always editable; data_quality "ok" when every variable is
// corrected).
std::string create_affiliate_body(const Report& report, const ProcessingRequest& request);
std::string correct_affiliate_body(const Report& report, const ProcessingPlan& plan);

class RegistryClient {
 public:
  RegistryClient(http::Client& affiliates, service::ServiceToken& token, core::Logger& logger);
  RegistryResult create(const Report& report, const ProcessingRequest& request,
                        const std::string& request_id);
  RegistryResult correct(const Report& report, const ProcessingPlan& plan, const std::string& request_id);

 private:
  RegistryResult send(http::Method method, const std::string& path, const std::string& body,
                      const std::string& request_id);
  http::Client& affiliates_;
  service::ServiceToken& token_;
  core::Logger& logger_;
};

}  // namespace portal::inconsistencies
