// portal-auth: configuration from the environment, then the AuthApp; nothing else.
//   --list-routes   print "METHOD /template" per route and exit (no database, keys or port touched)
//   --rotate-keys   add a new signing key in <data>/keys, keeping the previous one published (AUTH-4);
//                   the service signs with it from its next start, and tokens signed before still verify
#include <cstring>
#include <exception>
#include <iostream>

#include "auth_app.hpp"
#include "portal/http/server.hpp"
#include "portal/security/jwt.hpp"

int main(int argc, char** argv) {
  using namespace portal;
  try {
    const auto config = core::Config::from_environment();
    if (argc > 1 && std::strcmp(argv[1], "--list-routes") == 0) {
      for (const auto& line : auth::AuthApp::list_routes(config)) std::cout << line << '\n';
      return 0;
    }
    if (argc > 1 && std::strcmp(argv[1], "--rotate-keys") == 0) {
      auto keys = security::KeyStore::load_or_create(config.get("PORTAL_DATA_DIR", "var") + "/keys");
      keys.rotate();
      std::cout << keys.current().kid() << '\n';
      return 0;
    }
    // Before any thread exists, so every thread inherits the blocked SIGINT/SIGTERM.
    http::block_stop_signals();
    core::SystemClock clock;
    auth::AuthApp app(config, clock);
    app.start();
    http::wait_for_stop_signal();
    app.stop();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << R"({"level":"error","service":"auth","event":"startup_failed","error":")"
              << core::json_escape(e.what()) << "\"}\n";
    return 1;
  }
}
