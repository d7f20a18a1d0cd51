#pragma once
// main() of every service: configuration from the environment, then the service object, served until
// SIGINT/SIGTERM.
//   portal-<service>                 serve
//   portal-<service> --list-routes   print App::list_routes(config), one line each, and exit
//   portal-<service> <command> ...   one of the service's own commands (e.g. auth's --rotate-keys)
// Whatever throws is reported as one JSON line on stderr, and the exit code is 1.
#include <exception>
#include <functional>
#include <iostream>
#include <string_view>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/http/server.hpp"

namespace portal::service {

// A service's own command beside serving, chosen by argv[1]; run returns the process's exit code.
struct Command {
  std::string_view name;
  std::function<int(const core::Config& config, int argc, char** argv)> run;
};

// The stderr line when start-up throws:
//   {"level":"error","service":"<service>","event":"<event>","<field>":"<what()>"}
struct FailureLine {
  std::string_view event = "startup_failed";
  std::string_view field = "error";
};

void print_failure(std::string_view service, const FailureLine& line, const std::exception& e);

// App: App(const core::Config&, const core::Clock&) (or by value), start(), stop(), and
// static std::vector<std::string> list_routes(const core::Config&).
template <class App>
int run_service(int argc, char** argv, std::string_view service, const std::vector<Command>& commands = {},
                const FailureLine& failure = {}) {
  try {
    const auto config = core::Config::from_environment();
    const std::string_view first = argc > 1 ? argv[1] : "";
    if (argc > 1 && first == "--list-routes") {
      for (const auto& line : App::list_routes(config)) std::cout << line << '\n';
      return 0;
    }
    for (const auto& command : commands)
      if (argc > 1 && first == command.name) return command.run(config, argc, argv);
    // Before any thread exists, so every thread inherits the blocked SIGINT/SIGTERM.
    http::block_stop_signals();
    core::SystemClock clock;
    App app(config, clock);
    app.start();
    http::wait_for_stop_signal();
    app.stop();
    return 0;
  } catch (const std::exception& e) {
    print_failure(service, failure, e);
    return 1;
  }
}

}  // namespace portal::service
