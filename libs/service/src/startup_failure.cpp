#include <iostream>

#include "portal/core/log.hpp"
#include "portal/service/main.hpp"

namespace portal::service {

void print_failure(std::string_view service, const FailureLine& line, const std::exception& e) {
  std::cerr << R"({"level":"error","service":")" << service << R"(","event":")" << line.event << R"(",")"
            << line.field << R"(":")" << core::json_escape(e.what()) << "\"}\n";
}

}  // namespace portal::service
