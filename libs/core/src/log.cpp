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
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
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

namespace {
constexpr std::size_t kUrgentBytes = 64 * 1024;            // write at once past this much
constexpr std::size_t kMaxPendingBytes = 8 * 1024 * 1024;  // log() waits past this much
}  // namespace

Logger::Logger(std::string service, LogLevel min_level, std::ostream* out)
    : service_(std::move(service)), min_level_(min_level), out_(out ? out : &std::cerr) {}

Logger::~Logger() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void Logger::write_in_background(std::chrono::milliseconds flush_every) {
  std::lock_guard lock(mutex_);
  if (background_) return;
  background_ = true;
  flush_every_ = flush_every;
  pending_.reserve(kUrgentBytes);
  writer_ = std::thread([this] { run_writer(); });
}

void Logger::run_writer() {
  std::string batch;
  batch.reserve(kUrgentBytes);
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, flush_every_, [this] { return stopping_ || urgent_; });
    // Cleared on every wake, not only when there is something to write: left set with nothing pending,
    // wait_for would return at once without ever releasing the mutex, and every log() would hang.
    urgent_ = false;
    if (!pending_.empty()) {
      batch.swap(pending_);
      lock.unlock();
      out_->write(batch.data(), static_cast<std::streamsize>(batch.size()));
      out_->flush();
      lock.lock();
      written_ += batch.size();
      batch.clear();
      drained_.notify_all();
    }
    if (stopping_ && pending_.empty()) {
      writer_done_ = true;
      drained_.notify_all();
      return;
    }
  }
}

void Logger::flush() {
  std::unique_lock lock(mutex_);
  if (!background_) return;
  const std::uint64_t target = appended_;
  urgent_ = true;
  wake_.notify_one();
  drained_.wait(lock, [&] { return written_ >= target || writer_done_; });
}

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
  std::unique_lock lock(mutex_);
  if (!background_ || writer_done_) {
    *out_ << line << std::flush;
    return;
  }
  // Back-pressure instead of loss: only when the stream has fallen 8 MiB behind.
  if (pending_.size() >= kMaxPendingBytes) {
    urgent_ = true;
    wake_.notify_one();
    drained_.wait(lock, [this] { return pending_.size() < kMaxPendingBytes || writer_done_; });
  }
  pending_ += line;
  appended_ += line.size();
  if (level >= LogLevel::warn || pending_.size() >= kUrgentBytes) {
    urgent_ = true;
    wake_.notify_one();
  }
}

}  // namespace portal::core
