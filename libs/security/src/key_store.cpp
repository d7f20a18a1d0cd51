// AUTH-4 key rotation: keys live as `<unix-ts>-<kid>.pem` files (0600, directory 0700) so every auth
// instance and restart signs with the same newest key, and the previous keys stay in the JWKS until
// the tokens they signed have expired.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "rsa_key.hpp"

namespace portal::security {

namespace fs = std::filesystem;

namespace {

struct KeyFile {
  long long timestamp;
  std::string kid;
  fs::path path;
};

bool valid_kid(std::string_view kid) {
  return !kid.empty() && kid.size() <= 64 && std::all_of(kid.begin(), kid.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
         });
}

std::optional<KeyFile> parse_key_file_name(const fs::path& path) {
  if (path.extension() != ".pem") return std::nullopt;
  const std::string stem = path.stem().string();
  const auto dash = stem.find('-');
  if (dash == std::string::npos || dash == 0) return std::nullopt;
  long long ts = 0;
  auto [end, ec] = std::from_chars(stem.data(), stem.data() + dash, ts);
  if (ec != std::errc{} || end != stem.data() + dash || ts < 0) return std::nullopt;
  std::string kid = stem.substr(dash + 1);
  if (!valid_kid(kid)) return std::nullopt;
  return KeyFile{ts, std::move(kid), path};
}

// Oldest first; equal timestamps ordered by name so every instance agrees on "current".
std::vector<KeyFile> list_key_files(const fs::path& dir) {
  std::vector<KeyFile> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    if (auto f = parse_key_file_name(entry.path())) files.push_back(std::move(*f));
  }
  std::sort(files.begin(), files.end(), [](const KeyFile& a, const KeyFile& b) {
    return a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.path.filename() < b.path.filename();
  });
  return files;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read key file " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void sync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Written to a temporary name and renamed, so a crash never leaves a half-written key to load.
void write_private_file(const fs::path& path, const std::string& content) {
  // Built by appends: GCC 12 at -O3 warns falsely (-Wrestrict) on `"." + s + ".tmp"`.
  std::string tmp_name = ".";
  tmp_name.append(path.filename().string()).append(".tmp");
  const fs::path tmp = path.parent_path() / tmp_name;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create key file " + tmp.string() + ": " + std::strerror(errno));
  ::fchmod(fd, 0600);
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write key file " + tmp.string() + ": " + std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0)
    throw std::runtime_error("cannot sync key file " + tmp.string() + ": " + std::strerror(errno));
  fs::rename(tmp, path);
  sync_directory(path.parent_path());
}

long long unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

constexpr auto kDirPerms = fs::perms::owner_all;
constexpr auto kFilePerms = fs::perms::owner_read | fs::perms::owner_write;

}  // namespace

KeyStore KeyStore::load_or_create(const std::string& dir) {
  KeyStore store;
  store.dir_ = dir;
  fs::create_directories(dir);
  fs::permissions(dir, kDirPerms, fs::perm_options::replace);
  for (const auto& file : list_key_files(dir)) {
    fs::permissions(file.path, kFilePerms, fs::perm_options::replace);
    store.keys_.push_back(SigningKey::from_private_pem(file.kid, read_file(file.path)));
  }
  if (store.keys_.empty()) store.rotate(1);
  return store;
}

void KeyStore::rotate(std::size_t keep) {
  keep = std::max<std::size_t>(keep, 1);
  const auto files = list_key_files(dir_);
  const long long ts = files.empty() ? unix_now() : std::max(unix_now(), files.back().timestamp + 1);
  SigningKey key = SigningKey::generate(detail::random_kid());
  write_private_file(fs::path(dir_) / (std::to_string(ts) + "-" + key.kid() + ".pem"), key.private_pem());
  keys_.push_back(std::move(key));
  while (keys_.size() > keep) {
    const std::string& old_kid = keys_.front().kid();
    for (const auto& f : files)
      if (f.kid == old_kid) fs::remove(f.path);
    keys_.erase(keys_.begin());
  }
}

std::string KeyStore::jwks_json() const {
  std::string out = "{\"keys\":[";
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (i > 0) out += ',';
    out += keys_[i].public_jwk();
  }
  out += "]}";
  return out;
}

}  // namespace portal::security
