#include "portal/core/log.hpp"

#include <cstdio>
#include <iostream>
#include <sstream>

#include "portal/core/clock.hpp"

namespace portal::core {

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

Logger::Logger(std::string service, LogLevel min_level, std::ostream* out)
    : service_(std::move(service)), min_level_(min_level), out_(out ? out : &std::cerr) {}

void Logger::log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) {
  if (level < min_level_) return;
  static constexpr const char* kNames[] = {"debug", "info", "warn", "error"};
  // Appends only (no chains of operator+): GCC 12 at -O3 warns falsely (-Wrestrict) on those.
  std::string line;
  line.reserve(256);
  line.append("{\"ts\":\"").append(to_rfc3339(SystemClock{}.now()));
  line.append("\",\"level\":\"").append(kNames[static_cast<int>(level)]);
  line.append("\",\"service\":\"").append(json_escape(service_));
  line.append("\",\"event\":\"").append(json_escape(event)).append("\"");
  for (const auto& f : fields) {
    line.append(",\"").append(json_escape(f.key)).append("\":");
    if (auto s = std::get_if<std::string_view>(&f.value)) {
      line.append("\"").append(json_escape(*s)).append("\"");
    } else if (auto i = std::get_if<long long>(&f.value)) {
      line += std::to_string(*i);
    } else if (auto d = std::get_if<double>(&f.value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g", *d);
      line += buf;
    } else {
      line += std::get<bool>(f.value) ? "true" : "false";
    }
  }
  line += "}\n";
  std::lock_guard lock(mutex_);
  *out_ << line << std::flush;
}

}  // namespace portal::core
