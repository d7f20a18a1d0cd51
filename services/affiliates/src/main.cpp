// portal-affiliates: configuration from the environment, then the AffiliatesApp; nothing else.
//   portal-affiliates                    serve (PORTAL_AFFILIATES_PORT, default 8082)
//   portal-affiliates --list-routes      print the route table and exit
//   portal-affiliates import <file.csv>  AFF-4 bulk load straight into <data>/affiliates.db
#include <cstring>
#include <exception>
#include <iostream>

#include "affiliates_app.hpp"
#include "portal/http/server.hpp"

int main(int argc, char** argv) {
  using namespace portal;
  try {
    const auto config = core::Config::from_environment();
    if (argc > 1 && std::strcmp(argv[1], "--list-routes") == 0) {
      for (const auto& line : affiliates::AffiliatesApp::list_routes(config)) std::cout << line << '\n';
      return 0;
    }
    if (argc > 1 && std::strcmp(argv[1], "import") == 0) {
      if (argc != 3) {
        std::cerr << "usage: portal-affiliates import <file.csv>\n";
        return 2;
      }
      core::SystemClock clock;
      const auto job = affiliates::AffiliatesApp::import_file(config, clock, argv[2]);
      std::cout << R"({"job_id":")" << job.id << R"(","status":")" << job.status << R"(","loaded_rows":)"
                << job.loaded_rows << R"(,"rejected_rows":)" << job.rejected_rows << R"(,"processed_lines":)"
                << job.last_committed_line << "}\n";
      return job.status == "completed" ? 0 : 1;
    }
    // Before any thread exists, so every thread inherits the blocked SIGINT/SIGTERM.
    http::block_stop_signals();
    core::SystemClock clock;
    affiliates::AffiliatesApp app(config, clock);
    app.start();
    http::wait_for_stop_signal();
    app.stop();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << R"({"level":"error","service":"affiliates","event":"startup_failed","error":")"
              << core::json_escape(e.what()) << "\"}\n";
    return 1;
  }
}
