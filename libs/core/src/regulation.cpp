#include "portal/core/regulation.hpp"

namespace portal::core {

RecordFormat format_in_force(Instant t) { return format_in_force(bogota_date(t)); }

std::string_view format_code(RecordFormat f) { return f == RecordFormat::res3047 ? "res3047" : "res2335"; }

}  // namespace portal::core
