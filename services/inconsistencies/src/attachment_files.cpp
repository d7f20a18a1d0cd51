#include "attachment_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "portal/security/password.hpp"

namespace portal::inconsistencies {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kPart = ".part";

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0x0F];
  }
  return out;
}

void fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("open " + path.string() + ": " + std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("fsync " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

AttachmentFiles::AttachmentFiles(fs::path dir) : dir_(std::move(dir)) {
  fs::create_directories(dir_ / "tmp");
  fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::replace);
  fs::permissions(dir_ / "tmp", fs::perms::owner_all, fs::perm_options::replace);
}

bool AttachmentFiles::valid_stored_name(std::string_view name) {
  // 16 hex, '-', 16 hex, then one of the extensions the sniffer gives.
  if (name.size() < 37 || name[16] != '-') return false;
  for (std::size_t i = 0; i < 33; ++i) {
    if (i == 16) continue;
    const char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  const auto ext = name.substr(33);
  for (auto k : {FileKind::gif, FileKind::jpeg, FileKind::png, FileKind::pdf, FileKind::zip}) {
    if (ext == file_extension(k)) return true;
  }
  return false;
}

AttachmentFiles::Staged AttachmentFiles::stage(std::string_view bytes, std::string_view sha256_hex,
                                               FileKind kind) const {
  Staged s;
  s.stored_name = std::string(sha256_hex.substr(0, 16)) + "-" + hex(security::random_bytes(8)) +
                  std::string(file_extension(kind));
  s.temp = dir_ / "tmp" / (s.stored_name + std::string(kPart));
  const int fd = ::open(s.temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("create " + s.temp.string() + ": " + std::strerror(errno));
  std::size_t written = 0;
  bool ok = true;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!ok) {
    discard(s);
    throw std::runtime_error("write " + s.temp.string() + ": " + std::strerror(saved));
  }
  return s;
}

void AttachmentFiles::publish(const Staged& s) const {
  const auto final_path = dir_ / s.stored_name;
  if (::rename(s.temp.c_str(), final_path.c_str()) != 0)
    throw std::runtime_error("rename " + s.temp.string() + ": " + std::strerror(errno));
  fsync_path(dir_, O_RDONLY | O_DIRECTORY);
}

void AttachmentFiles::discard(const Staged& s) const noexcept {
  std::error_code ignored;
  fs::remove(s.temp, ignored);
}

std::optional<std::string> AttachmentFiles::read(const std::string& stored_name) const {
  if (!valid_stored_name(stored_name)) return std::nullopt;
  std::ifstream in(dir_ / stored_name, std::ios::binary);
  // A committed report whose rename did not happen yet (attachment_files.hpp): its fsynced .part.
  if (!in) in.open(dir_ / "tmp" / (stored_name + std::string(kPart)), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

SweepResult AttachmentFiles::sweep(const std::function<bool(const std::string&)>& referenced,
                                   std::chrono::seconds min_age) const {
  SweepResult result;
  const auto now = fs::file_time_type::clock::now();
  auto old_enough = [&](const fs::path& p) {
    std::error_code ec;
    const auto t = fs::last_write_time(p, ec);
    return !ec && now - t >= min_age;
  };
  std::vector<fs::path> parts;
  for (const auto& e : fs::directory_iterator(dir_ / "tmp")) parts.push_back(e.path());
  for (const auto& p : parts) {
    const auto name = p.filename().string();
    const bool is_part = name.size() > kPart.size() && name.ends_with(kPart);
    const auto stored = is_part ? name.substr(0, name.size() - kPart.size()) : name;
    if (is_part && valid_stored_name(stored) && referenced(stored)) {
      publish(Staged{stored, p});
      ++result.completed;
    } else if (old_enough(p)) {
      std::error_code ignored;
      if (fs::remove(p, ignored)) ++result.removed;
    }
  }
  for (const auto& e : fs::directory_iterator(dir_)) {
    if (!e.is_regular_file()) continue;
    const auto name = e.path().filename().string();
    if ((!valid_stored_name(name) || !referenced(name)) && old_enough(e.path())) {
      std::error_code ignored;
      if (fs::remove(e.path(), ignored)) ++result.removed;
    }
  }
  return result;
}

}  // namespace portal::inconsistencies
