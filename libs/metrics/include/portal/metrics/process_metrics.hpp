#pragma once
// The standard process metrics of the Prometheus client libraries (issue 10), read from /proc when
// /metrics is scraped: process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes, process_open_fds, process_max_fds, process_start_time_seconds.
#include <prometheus/metric_family.h>

#include <optional>
#include <string_view>
#include <vector>

namespace portal::metrics {

struct ProcessStats {
  double cpu_seconds = 0;  // user + system
  double resident_bytes = 0;
  double virtual_bytes = 0;
  double start_time_seconds = 0;  // since the Unix epoch
};

// Parses /proc/<pid>/stat (the part after the command name, which may hold spaces and parentheses)
// given the clock ticks per second, the page size and the boot time (btime of /proc/stat).
std::optional<ProcessStats> parse_proc_stat(std::string_view stat, long ticks_per_second, long page_size,
                                            double boot_time_seconds);

// The families for this process, labelled with service.
std::vector<prometheus::MetricFamily> process_families(const std::string& service);

}  // namespace portal::metrics
