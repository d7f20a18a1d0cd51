#pragma once
// Real processes for end-to-end tests (issue 2 §7): a service binary started from $PORTAL_BIN_DIR with
// extra environment variables, in its own process group, output captured in a log file. The destructor
// always kills and reaps the whole group, and the child dies with the test (PR_SET_PDEATHSIG) even when
// the test binary itself is killed by a ctest timeout, so no service is left holding a port.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace portal::test {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it when destroyed.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "portal-e2e");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0, read it, close).
int free_port();

// $PORTAL_BIN_DIR/<name>, or `name` itself when it is an absolute path.
std::string binary_path(const std::string& name);
// $PORTAL_SOURCE_DIR (throws when unset).
std::string source_dir();

struct ProcessOptions {
  std::string binary;                          // name in $PORTAL_BIN_DIR or absolute path
  std::vector<std::string> args;               // argv[1..]
  std::map<std::string, std::string> env;      // added to (and overriding) the test's environment
  std::string log_path;                        // stdout and stderr, appended
  std::string working_dir;                     // empty: the test's working directory
};

class Process {
 public:
  // Throws std::runtime_error when the binary cannot be started.
  explicit Process(ProcessOptions options);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // True while the child has not exited (reaps it when it has).
  bool running();
  // Polls GET <base_url>/readyz until 200; false on timeout or when the process exits first.
  bool wait_ready(const std::string& base_url, std::chrono::milliseconds timeout);
  // SIGKILL to the whole process group, then reap; returns the wait status (or the one already known).
  int kill();
  // SIGTERM, wait up to `grace`, then SIGKILL; returns the wait status.
  int terminate(std::chrono::milliseconds grace = std::chrono::seconds{5});
  // Exit code when the child exited normally, nullopt otherwise (or still running).
  std::optional<int> exit_code();

  // The last `max_bytes` of the log, for failure messages.
  std::string log_tail(std::size_t max_bytes = 4000) const;
  const ProcessOptions& options() const { return options_; }

 private:
  bool reap(bool block);
  void signal_group(int sig);
  ProcessOptions options_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int wait_status_ = 0;
};

// Polls GET <base_url>/readyz until it answers 200 or the timeout passes.
bool wait_ready(const std::string& base_url, std::chrono::milliseconds timeout);

}  // namespace portal::test
