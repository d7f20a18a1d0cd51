#pragma once
// Issue 10: every response an end-to-end test receives is checked against api/openapi.yaml by an
// independent validator — Debian's python3-jsonschema (Draft 2020-12, `$ref` resolved), not the
// project's code: status, Content-Type and body, error answers included. One long-lived Python process
// (tests/support/openapi_validator.py) is fed over a socket, one line per response, so a suite pays one
// interpreter start-up, not one per response. Safe to call from several threads.
#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "support/http_client.hpp"

namespace portal::test {

class SchemaValidator {
 public:
  // Starts /usr/bin/python3 <script> <openapi>; throws std::runtime_error (with the validator's own
  // words) when it cannot start or cannot load the document.
  SchemaValidator(const std::string& script, const std::string& openapi_path);
  ~SchemaValidator();
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  // The validator of $PORTAL_SOURCE_DIR/api/openapi.yaml, started on first use, shared by the binary.
  static SchemaValidator& of_source_tree();

  // nullopt when (method, path, status, Content-Type, body) is what the document declares; else why not.
  std::optional<std::string> check(const HttpRequest& request, const HttpResponse& response);
  std::optional<std::string> check(const std::string& method, const std::string& path, int status,
                                   const std::string& content_type, const std::string& body);

  std::size_t checked() const { return checked_; }
  // Time spent waiting for the validator's verdicts (the cost it adds to a suite).
  std::chrono::nanoseconds busy() const { return busy_; }

 private:
  std::string exchange(const std::string& line);  // caller holds mutex_
  std::mutex mutex_;
  int fd_ = -1;
  pid_t pid_ = -1;
  std::string buffer_;  // bytes read past the last line
  std::size_t checked_ = 0;
  std::chrono::nanoseconds busy_{0};
};

// An HttpClient observer that records every contract breach (thread-safe), for clients used off the
// Catch2 thread; `failures()` is then checked on the test's thread.
class ContractRecorder {
 public:
  HttpClient::Observer observer();
  std::vector<std::string> failures() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> failures_;
};

}  // namespace portal::test
