#include "portal/metrics/process_metrics.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace portal::metrics {
namespace {

std::string read_file(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

double boot_time_seconds() {
  std::istringstream in(read_file("/proc/stat"));
  for (std::string line; std::getline(in, line);)
    if (line.rfind("btime ", 0) == 0) return std::stod(line.substr(6));
  return 0;
}

double open_fds() {
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return 0;
  double n = 0;
  while (const dirent* entry = ::readdir(dir))
    if (entry->d_name[0] != '.') ++n;
  ::closedir(dir);
  return n - 1;  // the descriptor opendir itself holds
}

prometheus::MetricFamily family(std::string name, std::string help, prometheus::MetricType type, double value,
                                const std::string& service) {
  prometheus::ClientMetric metric;
  metric.label.push_back({"service", service});
  if (type == prometheus::MetricType::Counter)
    metric.counter.value = value;
  else
    metric.gauge.value = value;
  return prometheus::MetricFamily{std::move(name), std::move(help), type, {metric}};
}

}  // namespace

std::optional<ProcessStats> parse_proc_stat(std::string_view stat, long ticks_per_second, long page_size,
                                            double boot_time) {
  // "pid (comm) state ppid ...": the fields after the last ')' start with state (field 3).
  const auto close = stat.rfind(')');
  if (close == std::string_view::npos || ticks_per_second <= 0) return std::nullopt;
  std::istringstream in(std::string{stat.substr(close + 1)});
  std::vector<std::string> fields;  // fields[0] is field 3 (state)
  for (std::string f; in >> f;) fields.push_back(std::move(f));
  // utime 14, stime 15, starttime 22, vsize 23, rss 24 (proc(5), 1-based).
  if (fields.size() < 22) return std::nullopt;
  try {
    const auto at = [&](int field) { return std::stod(fields[static_cast<std::size_t>(field - 3)]); };
    ProcessStats s;
    s.cpu_seconds = (at(14) + at(15)) / static_cast<double>(ticks_per_second);
    s.start_time_seconds = boot_time + at(22) / static_cast<double>(ticks_per_second);
    s.virtual_bytes = at(23);
    s.resident_bytes = at(24) * static_cast<double>(page_size);
    return s;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<prometheus::MetricFamily> process_families(const std::string& service) {
  std::vector<prometheus::MetricFamily> out;
  const auto stats = parse_proc_stat(read_file("/proc/self/stat"), ::sysconf(_SC_CLK_TCK),
                                     ::sysconf(_SC_PAGESIZE), boot_time_seconds());
  using prometheus::MetricType;
  if (stats) {
    out.push_back(family("process_cpu_seconds_total", "Total user and system CPU time spent in seconds",
                         MetricType::Counter, stats->cpu_seconds, service));
    out.push_back(family("process_resident_memory_bytes", "Resident memory size in bytes", MetricType::Gauge,
                         stats->resident_bytes, service));
    out.push_back(family("process_virtual_memory_bytes", "Virtual memory size in bytes", MetricType::Gauge,
                         stats->virtual_bytes, service));
    out.push_back(family("process_start_time_seconds",
                         "Start time of the process since the Unix epoch in seconds", MetricType::Gauge,
                         stats->start_time_seconds, service));
  }
  out.push_back(
      family("process_open_fds", "Number of open file descriptors", MetricType::Gauge, open_fds(), service));
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0)
    out.push_back(family("process_max_fds", "Maximum number of open file descriptors", MetricType::Gauge,
                         static_cast<double>(limit.rlim_cur), service));
  return out;
}

}  // namespace portal::metrics
