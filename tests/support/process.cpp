#include "support/process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace portal::test {

namespace {

std::string env_or_throw(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') throw std::runtime_error(std::string(name) + " is not set (run through ctest)");
  return v;
}

}  // namespace

TempDir::TempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + std::string(strerror(errno)));
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("bind 127.0.0.1:0 failed");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string binary_path(const std::string& name) {
  if (!name.empty() && name.front() == '/') return name;
  return env_or_throw("PORTAL_BIN_DIR") + "/" + name;
}

std::string source_dir() { return env_or_throw("PORTAL_SOURCE_DIR"); }

Process::Process(ProcessOptions options) : options_(std::move(options)) {
  const std::string path = binary_path(options_.binary);
  if (::access(path.c_str(), X_OK) != 0) throw std::runtime_error("not an executable: " + path);

  // Everything the child needs is built before fork: after fork only async-signal-safe calls.
  std::vector<std::string> argv_s{path};
  argv_s.insert(argv_s.end(), options_.args.begin(), options_.args.end());
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : options_.env) env[k] = v;
  std::vector<std::string> env_s;
  for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
  std::vector<char*> argv, envp;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  for (auto& s : env_s) envp.push_back(s.data());
  envp.push_back(nullptr);

  const std::string log = options_.log_path.empty() ? "/dev/null" : options_.log_path;
  int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (log_fd < 0 || null_fd < 0) throw std::runtime_error("cannot open log file " + log);
  const char* cwd = options_.working_dir.empty() ? nullptr : options_.working_dir.c_str();
  const pid_t parent = ::getpid();

  // fork + exec rather than posix_spawn: only here can the child ask to die with its parent
  // (PR_SET_PDEATHSIG), which is what keeps a crashed or timed-out test from leaving services behind.
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    ::close(null_fd);
    throw std::runtime_error("fork failed: " + std::string(strerror(errno)));
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) _exit(127);  // the parent died before prctl took effect
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::dup2(null_fd, 0);
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
    ::syscall(SYS_close_range, 3U, ~0U, 0U);  // no test socket leaks into a service
    if (cwd != nullptr && ::chdir(cwd) != 0) _exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  ::setpgid(pid, pid);  // also from the parent, so kill(-pid) works even before the child ran
  ::close(log_fd);
  ::close(null_fd);
  pid_ = pid;
}

Process::~Process() { kill(); }

bool Process::reap(bool block) {
  if (exited_ || pid_ <= 0) return true;
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == pid_ || (r < 0 && errno == ECHILD)) {
    exited_ = true;
    wait_status_ = status;
    return true;
  }
  return false;
}

void Process::signal_group(int sig) {
  if (pid_ <= 0) return;
  // The group outlives its leader when the service forked helpers; signal it even after the leader died.
  if (::kill(-pid_, sig) != 0 && !exited_) ::kill(pid_, sig);
}

bool Process::running() { return !reap(false); }

int Process::kill() {
  signal_group(SIGKILL);
  reap(true);
  return wait_status_;
}

int Process::terminate(std::chrono::milliseconds grace) {
  if (exited_) {
    signal_group(SIGKILL);
    return wait_status_;
  }
  signal_group(SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    if (reap(false)) {
      signal_group(SIGKILL);  // stray children of the group, if any
      return wait_status_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  return kill();
}

std::optional<int> Process::exit_code() {
  if (running()) return std::nullopt;
  if (WIFEXITED(wait_status_)) return WEXITSTATUS(wait_status_);
  return std::nullopt;
}

std::string Process::log_tail(std::size_t max_bytes) const {
  std::ifstream in(options_.log_path, std::ios::binary);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  std::string all = ss.str();
  return all.size() > max_bytes ? all.substr(all.size() - max_bytes) : all;
}

namespace {

bool ready_once(const std::string& base_url) {
  httplib::Client client(base_url);
  client.set_connection_timeout(std::chrono::milliseconds{200});
  client.set_read_timeout(std::chrono::milliseconds{1000});
  auto res = client.Get("/readyz");
  return res && res->status == 200;
}

}  // namespace

bool Process::wait_ready(const std::string& base_url, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!running()) return false;
    if (ready_once(base_url)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds{25});
  }
  return false;
}

bool wait_ready(const std::string& base_url, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready_once(base_url)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds{25});
  }
  return false;
}

}  // namespace portal::test
