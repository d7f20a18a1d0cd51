#pragma once
// What was built: set by CMake on build_info.cpp alone, so a new commit recompiles one small file.
#include <string_view>

namespace portal::metrics {

std::string_view build_version();   // the CMake project version
std::string_view build_revision();  // the git commit at configure time, or "unknown"

}  // namespace portal::metrics
