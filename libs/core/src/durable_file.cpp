#include "portal/core/durable_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace portal::core {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) fail("cannot open", path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail("cannot fsync", path);
}

}  // namespace

void write_file_durably(const std::string& dir, const std::string& name, std::string_view content) {
  std::filesystem::create_directories(dir);
  const std::string tmp = dir + "/." + name + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot create", tmp);
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      fail("cannot write", tmp);
    }
    written += static_cast<std::size_t>(n);
  }
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) {
    ::unlink(tmp.c_str());
    fail("cannot fsync", tmp);
  }
  if (::rename(tmp.c_str(), (dir + "/" + name).c_str()) != 0) fail("cannot rename", tmp);
  fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

void commit_file_durably(const std::string& written_path, const std::string& final_path) {
  fsync_path(written_path, O_RDONLY);
  if (::rename(written_path.c_str(), final_path.c_str()) != 0) fail("cannot rename", written_path);
  const auto dir = std::filesystem::path(final_path).parent_path().string();
  fsync_path(dir.empty() ? "." : dir, O_RDONLY | O_DIRECTORY);
}

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace portal::core
