#pragma once
// JSON-lines logging: one object per line with ts, level, service, event and the given fields.
// Never log health data (affiliate names, diagnoses) or secrets (passwords, tokens).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
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
  // Writes to std::cerr unless another stream is given (tests pass a std::ostringstream). Each line is
  // written before log() returns, until write_in_background() is called.
  explicit Logger(std::string service, LogLevel min_level = LogLevel::info, std::ostream* out = nullptr);
  ~Logger();  // writes what is still buffered
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  // Issue 14 item 5: access logs stay on but cost little. From this call on, log() only appends the line
  // to a buffer; a thread of the logger writes the buffer every `flush_every`, or at once when it
  // passes 64 KiB or holds a warn or error line. No line is lost: when the stream cannot keep up and the
  // buffer reaches 8 MiB, log() waits for it to drain. A process killed with SIGKILL loses at most the
  // last `flush_every` of lines. Call once, before other threads log.
  void write_in_background(std::chrono::milliseconds flush_every = std::chrono::milliseconds{100});
  // Writes what is buffered now and returns once it is written.
  void flush();

  void log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});
  void info(std::string_view event, std::initializer_list<LogField> fields = {}) {
    log(LogLevel::info, event, fields);
  }
  void warn(std::string_view event, std::initializer_list<LogField> fields = {}) {
    log(LogLevel::warn, event, fields);
  }
  void error(std::string_view event, std::initializer_list<LogField> fields = {}) {
    log(LogLevel::error, event, fields);
  }
  const std::string& service() const { return service_; }

 private:
  void run_writer();

  std::string service_;
  LogLevel min_level_;
  std::ostream* out_;
  std::mutex mutex_;
  // Background mode (write_in_background): lines waiting for the writer thread, guarded by mutex_.
  bool background_ = false;
  bool stopping_ = false;
  bool writer_done_ = false;  // the writer thread has written everything and ended: log() writes itself
  bool urgent_ = false;  // a warn/error line or a full chunk is waiting: write without waiting the period
  std::uint64_t appended_ = 0;  // bytes ever appended; with written_, tells flush() when its lines are out
  std::uint64_t written_ = 0;
  std::chrono::milliseconds flush_every_{100};
  std::string pending_;
  std::condition_variable wake_;     // the writer: something to write, or stop
  std::condition_variable drained_;  // writers of lines and flush(): the writer wrote a batch
  std::thread writer_;
};

// Escapes a string for inclusion inside JSON double quotes.
std::string json_escape(std::string_view s);

}  // namespace portal::core
