#pragma once
// A fresh directory under the system's temp directory for one test's data, removed with everything in
// it when the object goes.
#include <filesystem>
#include <string_view>

namespace portal::service::testing {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix);  // e.g. "portal-auth-test-"
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace portal::service::testing
