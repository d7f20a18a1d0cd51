#pragma once
// What every service object is built on: its configuration, the clock, its data directory
// (PORTAL_DATA_DIR, default "var"), a logger at PORTAL_LOG_LEVEL and its metrics registry. A service
// class inherits it privately, so these exist before any of its own members (which use them) and keep
// the same names in every service.
#include <string>
#include <string_view>

#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/metrics/metrics.hpp"

namespace portal::service {

class ServiceBase {
 protected:
  ServiceBase(std::string_view service, core::Config config, const core::Clock& clock);
  ~ServiceBase() = default;
  ServiceBase(const ServiceBase&) = delete;
  ServiceBase& operator=(const ServiceBase&) = delete;

  core::Config config_;
  const core::Clock& clock_;
  std::string data_dir_;
  core::Logger logger_;
  metrics::Registry metrics_;
};

}  // namespace portal::service
