#include "portal/service/service_base.hpp"

#include "portal/service/config_options.hpp"

namespace portal::service {

ServiceBase::ServiceBase(std::string_view service, core::Config config, const core::Clock& clock)
    : config_(std::move(config)),
      clock_(clock),
      data_dir_(config_.get("PORTAL_DATA_DIR", "var")),
      logger_(std::string(service), log_level(config_)),
      metrics_(std::string(service)) {
  // Issue 14 item 5: the access log line of every request is buffered and written off the request path.
  logger_.write_in_background();
}

}  // namespace portal::service
