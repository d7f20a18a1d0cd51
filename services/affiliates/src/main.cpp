// portal-affiliates: configuration from the environment, then the AffiliatesApp; nothing else.
//   portal-affiliates                    serve (PORTAL_AFFILIATES_PORT, default 8082)
//   portal-affiliates --list-routes      print the route table and exit
//   portal-affiliates import <file.csv>  AFF-4 bulk load straight into the database
//                                        (PORTAL_AFFILIATES_DATABASE_URL, default <data>/affiliates.db)
#include "portal/service/main.hpp"

#include <iostream>

#include "affiliates_app.hpp"

namespace {

int import_file(const portal::core::Config& config, int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: portal-affiliates import <file.csv>\n";
    return 2;
  }
  portal::core::SystemClock clock;
  const auto job = portal::affiliates::AffiliatesApp::import_file(config, clock, argv[2]);
  std::cout << R"({"job_id":")" << job.id << R"(","status":")" << job.status << R"(","loaded_rows":)"
            << job.loaded_rows << R"(,"rejected_rows":)" << job.rejected_rows << R"(,"processed_lines":)"
            << job.last_committed_line << "}\n";
  return job.status == "completed" ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  return portal::service::run_service<portal::affiliates::AffiliatesApp>(argc, argv, "affiliates",
                                                                         {{"import", import_file}});
}
