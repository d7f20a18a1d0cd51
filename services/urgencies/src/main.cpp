// portal-urgencies: configuration from the environment, then the UrgenciesApp; nothing else.
//   portal-urgencies                 serve (PORTAL_URGENCIES_PORT, default 8083)
//   portal-urgencies --list-routes   print the route table and exit
#include <cstring>
#include <exception>
#include <iostream>

#include "portal/http/server.hpp"
#include "urgencies_app.hpp"

int main(int argc, char** argv) {
  using namespace portal;
  try {
    const auto config = core::Config::from_environment();
    if (argc > 1 && std::strcmp(argv[1], "--list-routes") == 0) {
      for (const auto& line : urgencies::UrgenciesApp::list_routes(config)) std::cout << line << '\n';
      return 0;
    }
    // Before any thread exists, so every thread inherits the blocked SIGINT/SIGTERM.
    http::block_stop_signals();
    core::SystemClock clock;
    urgencies::UrgenciesApp app(config, clock);
    app.start();
    http::wait_for_stop_signal();
    app.stop();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << R"({"level":"error","service":"urgencies","event":"startup_failed","error":")"
              << core::json_escape(e.what()) << "\"}\n";
    return 1;
  }
}
