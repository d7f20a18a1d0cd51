#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "transport.hpp"

namespace portal::mail::detail {
namespace {

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

bool write_all(int fd, const std::string& content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool write_file_atomically(const std::string& dir, const std::string& name, const std::string& content,
                           std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    error = "cannot create " + dir + ": " + ec.message();
    return false;
  }
  const std::string final_path = (std::filesystem::path(dir) / name).string();
  const std::string temp_path = (std::filesystem::path(dir) / ("." + name + ".tmp")).string();

  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) {
    error = errno_text("open " + temp_path);
    return false;
  }
  const bool written = write_all(fd, content) && ::fsync(fd) == 0;
  if (!written) error = errno_text("write " + temp_path);
  if (::close(fd) != 0 && written) {
    error = errno_text("close " + temp_path);
    ::unlink(temp_path.c_str());
    return false;
  }
  if (!written) {
    ::unlink(temp_path.c_str());
    return false;
  }
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    error = errno_text("rename to " + final_path);
    ::unlink(temp_path.c_str());
    return false;
  }
  // Make the rename itself durable.
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return true;
}

}  // namespace portal::mail::detail
