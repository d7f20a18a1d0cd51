#pragma once
// JSON-lines logging: one object per line with ts, level, service, event and the given fields.
// Never log health data (affiliate names, diagnoses) or secrets (passwords, tokens).
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>

namespace portal::core {

enum class LogLevel { debug, info, warn, error };

struct LogField {
  std::string_view key;
  std::variant<std::string_view, long long, double, bool> value;
  LogField(std::string_view k, std::string_view v) : key(k), value(v) {}
  LogField(std::string_view k, const std::string& v) : key(k), value(std::string_view{v}) {}
  LogField(std::string_view k, const char* v) : key(k), value(std::string_view{v}) {}
  LogField(std::string_view k, long long v) : key(k), value(v) {}
  LogField(std::string_view k, int v) : key(k), value(static_cast<long long>(v)) {}
  LogField(std::string_view k, unsigned v) : key(k), value(static_cast<long long>(v)) {}
  LogField(std::string_view k, long v) : key(k), value(static_cast<long long>(v)) {}
  LogField(std::string_view k, unsigned long v) : key(k), value(static_cast<long long>(v)) {}
  LogField(std::string_view k, double v) : key(k), value(v) {}
  LogField(std::string_view k, bool v) : key(k), value(v) {}
};

class Logger {
 public:
  // Writes to std::cerr unless another stream is given (tests pass a std::ostringstream).
  explicit Logger(std::string service, LogLevel min_level = LogLevel::info, std::ostream* out = nullptr);

  void log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});
  void info(std::string_view event, std::initializer_list<LogField> fields = {}) { log(LogLevel::info, event, fields); }
  void warn(std::string_view event, std::initializer_list<LogField> fields = {}) { log(LogLevel::warn, event, fields); }
  void error(std::string_view event, std::initializer_list<LogField> fields = {}) { log(LogLevel::error, event, fields); }
  const std::string& service() const { return service_; }

 private:
  std::string service_;
  LogLevel min_level_;
  std::ostream* out_;
  std::mutex mutex_;
};

// Escapes a string for inclusion inside JSON double quotes.
std::string json_escape(std::string_view s);

}  // namespace portal::core
