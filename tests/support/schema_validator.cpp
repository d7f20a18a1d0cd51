#include "support/schema_validator.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "support/json_fields.hpp"
#include "support/process.hpp"

namespace portal::test {

namespace {

// Debian's interpreter, where python3-jsonschema is installed (a python3 earlier on PATH, e.g. pyenv's,
// would not see it).
constexpr const char* kPython = "/usr/bin/python3";

bool is_json_media_type(const std::string& content_type) {
  const std::string mt = content_type.substr(0, content_type.find(';'));
  return mt == "application/json" ||
         (mt.rfind("application/", 0) == 0 && mt.size() > 5 && mt.compare(mt.size() - 5, 5, "+json") == 0);
}

}  // namespace

SchemaValidator::SchemaValidator(const std::string& script, const std::string& openapi_path) {
  if (::access(kPython, X_OK) != 0)
    throw std::runtime_error(std::string(kPython) +
                             " is missing (deploy/install-deps.sh installs python3-jsonschema)");
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    throw std::runtime_error("socketpair failed: " + std::string(std::strerror(errno)));
  std::vector<std::string> args{kPython, script, openapi_path};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(sv[0]);
    ::close(sv[1]);
    throw std::runtime_error("fork failed: " + std::string(std::strerror(errno)));
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives the test binary
    if (::getppid() != parent) _exit(127);
    ::dup2(sv[1], 0);
    ::dup2(sv[1], 1);  // stderr stays the test's: a Python traceback shows in the test output
    ::syscall(SYS_close_range, 3U, ~0U, 0U);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  ::close(sv[1]);
  fd_ = sv[0];
  pid_ = pid;
  const std::string first = exchange("");
  if (json_string(first, "/error") || first.find("\"ready\": true") == std::string::npos) {
    const std::string why = json_string(first, "/error").value_or(first.empty() ? "no answer" : first);
    throw std::runtime_error("the OpenAPI validator did not start: " + why);
  }
}

SchemaValidator::~SchemaValidator() {
  if (checked_ > 0)  // the cost of the check, in the test's output (issue 10: seconds, not minutes)
    std::fprintf(stderr, "openapi_validator: %zu responses validated, %.2f s waiting for verdicts\n",
                 checked_, std::chrono::duration<double>(busy_).count());
  if (fd_ >= 0) ::close(fd_);  // end of input: the validator exits
  if (pid_ > 0) {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

SchemaValidator& SchemaValidator::of_source_tree() {
  static SchemaValidator validator(source_dir() + "/tests/support/openapi_validator.py",
                                   source_dir() + "/api/openapi.yaml");
  return validator;
}

std::string SchemaValidator::exchange(const std::string& line) {
  if (fd_ < 0) return {};
  std::size_t sent = 0;
  while (sent < line.size()) {
    const ssize_t n = ::send(fd_, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {};
    sent += static_cast<std::size_t>(n);
  }
  for (;;) {
    if (const auto nl = buffer_.find('\n'); nl != std::string::npos) {
      std::string out = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return out;
    }
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {};  // the validator died: its traceback is on stderr
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::optional<std::string> SchemaValidator::check(const std::string& method, const std::string& path,
                                                  int status, const std::string& content_type,
                                                  const std::string& body) {
  std::string line = "{\"method\":" + json_quote(method) + ",\"path\":" + json_quote(path) +
                     ",\"status\":" + std::to_string(status) +
                     ",\"content_type\":" + json_quote(content_type) +
                     ",\"body_size\":" + std::to_string(body.size());
  if (is_json_media_type(content_type)) line += ",\"body\":" + json_quote(body);
  line += "}\n";
  std::lock_guard lock(mutex_);
  ++checked_;
  const auto start = std::chrono::steady_clock::now();
  const std::string answer = exchange(line);
  busy_ += std::chrono::steady_clock::now() - start;
  if (answer.empty()) return "the OpenAPI validator process stopped answering (see its traceback above)";
  if (answer.find("\"ok\": true") != std::string::npos) return std::nullopt;
  return json_string(answer, "/error").value_or(answer);
}

std::optional<std::string> SchemaValidator::check(const HttpRequest& request, const HttpResponse& response) {
  if (response.status == 0) return std::nullopt;  // no answer: nothing to hold against the contract
  return check(request.method, request.path, response.status, response.header("Content-Type").value_or(""),
               response.body);
}

HttpClient::Observer ContractRecorder::observer() {
  return [this](const HttpRequest& rq, const HttpResponse& rs) {
    if (auto why = SchemaValidator::of_source_tree().check(rq, rs)) {
      std::lock_guard lock(mutex_);
      failures_.push_back(*why);
    }
  };
}

std::vector<std::string> ContractRecorder::failures() const {
  std::lock_guard lock(mutex_);
  return failures_;
}

}  // namespace portal::test
