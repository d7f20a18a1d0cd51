#include "build_info.hpp"

namespace portal::metrics {

std::string_view build_version() { return PORTAL_VERSION; }
std::string_view build_revision() { return PORTAL_REVISION; }

}  // namespace portal::metrics
