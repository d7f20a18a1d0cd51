// portal-gateway: configuration from the environment, then serve until SIGINT/SIGTERM.
// `--list-routes` prints the registered routes and exits without opening a port.
#include <cstring>
#include <exception>
#include <iostream>

#include "gateway_app.hpp"
#include "portal/http/server.hpp"

int main(int argc, char** argv) {
  try {
    const auto config = portal::core::Config::from_environment();
    portal::core::SystemClock clock;
    if (argc > 1 && std::strcmp(argv[1], "--list-routes") == 0) {
      portal::gateway::GatewayApp app(config, clock);
      for (const auto& [method, path] : app.routes())
        std::cout << portal::http::to_string(method) << ' ' << path << '\n';
      return 0;
    }
    portal::http::block_stop_signals();
    portal::gateway::GatewayApp app(config, clock);
    app.start();
    portal::http::wait_for_stop_signal();
    app.stop();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "{\"level\":\"error\",\"service\":\"gateway\",\"event\":\"fatal\",\"message\":\""
              << portal::core::json_escape(e.what()) << "\"}\n";
    return 1;
  }
}
