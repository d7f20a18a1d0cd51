#pragma once
// The gateway process as an object (GW-1..GW-6): built from configuration and a clock, so tests run it
// in-process on port 0 and main.cpp only wires it to the environment and signals.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/http/message.hpp"

namespace portal::gateway {

class GatewayApp {
 public:
  // Throws std::invalid_argument for unusable configuration. Opens no port until start().
  GatewayApp(const core::Config& config, const core::Clock& clock);
  ~GatewayApp();
  GatewayApp(const GatewayApp&) = delete;
  GatewayApp& operator=(const GatewayApp&) = delete;

  void start();  // listens, and loads auth's keys in the background
  void stop();
  std::uint16_t port() const;
  bool keys_loaded() const;
  std::vector<std::pair<http::Method, std::string>> routes() const;

  // "METHOD /template" per route of a gateway built but not started (--list-routes): no port is opened,
  // but the configuration is checked as by the constructor.
  static std::vector<std::string> list_routes(const core::Config& config);

  struct Parts;

 private:
  std::unique_ptr<Parts> parts_;
};

}  // namespace portal::gateway
