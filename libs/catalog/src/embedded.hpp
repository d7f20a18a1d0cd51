#pragma once
// The data files of libs/catalog/data, compiled in by CMake (generated portal_catalog_embedded.cpp).
#include <string_view>

namespace portal::catalog::detail {

// Content of data/<name>.csv, or an empty view when there is no such file.
std::string_view embedded_file(std::string_view name);

}  // namespace portal::catalog::detail
