#include "zip_listing.hpp"

#include <zlib.h>

#include <algorithm>

namespace portal::inconsistencies {
namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kDirectoryHeader = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::size_t kDirectoryHeaderSize = 46;
constexpr std::size_t kLocalHeaderSize = 30;

std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    (static_cast<unsigned char>(b[at + 1]) << 8));
}

std::uint32_t u32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(u16(b, at)) | (static_cast<std::uint32_t>(u16(b, at + 2)) << 16);
}

ZipListing refused(std::string code, std::string entry = {}) {
  ZipListing l;
  l.refusal = Refusal{std::move(code), std::move(entry)};
  return l;
}

// The end-of-central-directory record: the last signature whose comment length reaches exactly the end.
std::optional<std::size_t> find_end_record(std::string_view b) {
  if (b.size() < kEndRecordSize) return std::nullopt;
  const std::size_t lowest = b.size() > kEndRecordSize + 0xFFFF ? b.size() - kEndRecordSize - 0xFFFF : 0;
  for (std::size_t at = b.size() - kEndRecordSize + 1; at-- > lowest;) {
    if (u32(b, at) == kEndOfDirectory && at + kEndRecordSize + u16(b, at + 20) == b.size()) return at;
  }
  return std::nullopt;
}

}  // namespace

bool safe_entry_name(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  if (name.front() == '/' || name.front() == '\\') return false;
  if (name.size() >= 2 && name[1] == ':') return false;  // C:evil, C:\evil
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto slash = name.find('/', start);
    const auto part =
        name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part == "..") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

ZipListing list_zip(std::string_view b, const ZipLimits& limits) {
  const auto end = find_end_record(b);
  if (!end) return refused("zip_malformed");
  const std::uint16_t disk = u16(b, *end + 4);
  const std::uint16_t directory_disk = u16(b, *end + 6);
  const std::uint16_t on_disk = u16(b, *end + 8);
  const std::uint16_t total = u16(b, *end + 10);
  const std::uint32_t directory_size = u32(b, *end + 12);
  const std::uint32_t directory_offset = u32(b, *end + 16);
  if (disk != 0 || directory_disk != 0 || on_disk != total) return refused("zip_malformed");
  if (total == 0xFFFF || directory_size == 0xFFFFFFFF || directory_offset == 0xFFFFFFFF)
    return refused("zip_malformed");  // zip64
  if (total > limits.max_entries) return refused("zip_too_many_entries");
  if (total == 0) return refused("zip_malformed");
  if (static_cast<std::uint64_t>(directory_offset) + directory_size != *end) return refused("zip_malformed");

  ZipListing listing;
  std::uint64_t inflated_total = 0;
  std::uint64_t compressed_total = 0;
  std::size_t at = directory_offset;
  for (std::uint16_t i = 0; i < total; ++i) {
    if (at + kDirectoryHeaderSize > *end || u32(b, at) != kDirectoryHeader) return refused("zip_malformed");
    ZipEntry e;
    e.flags = u16(b, at + 8);
    e.method = u16(b, at + 10);
    e.crc32 = u32(b, at + 16);
    e.compressed = u32(b, at + 20);
    e.inflated = u32(b, at + 24);
    const std::size_t name_len = u16(b, at + 28);
    const std::size_t extra_len = u16(b, at + 30);
    const std::size_t comment_len = u16(b, at + 32);
    const std::uint16_t entry_disk = u16(b, at + 34);
    const std::uint32_t local = u32(b, at + 42);
    const std::size_t next = at + kDirectoryHeaderSize + name_len + extra_len + comment_len;
    if (next > *end) return refused("zip_malformed");
    e.name.assign(b.substr(at + kDirectoryHeaderSize, name_len));
    if (entry_disk != 0 || e.compressed == 0xFFFFFFFF || e.inflated == 0xFFFFFFFF || local == 0xFFFFFFFF)
      return refused("zip_malformed", e.name);
    // Bit 0: traditional PKWARE encryption; bit 6: strong encryption; method 99: AES (WinZip).
    if ((e.flags & 0x0001) != 0 || (e.flags & 0x0040) != 0 || e.method == 99)
      return refused("zip_encrypted", e.name);
    if (!safe_entry_name(e.name)) return refused("zip_unsafe_path", e.name);
    if (e.method != 0 && e.method != 8) return refused("zip_unsupported_method", e.name);
    if (e.method == 0 && e.compressed != e.inflated) return refused("zip_malformed", e.name);
    if (e.inflated > 0 && (e.compressed == 0 || e.inflated > e.compressed * limits.max_ratio))
      return refused("zip_ratio", e.name);
    inflated_total += e.inflated;
    compressed_total += e.compressed;
    if (inflated_total > limits.max_inflated_total) return refused("zip_too_large", e.name);
    // The local header must exist, name the same file, and its data must end before the directory.
    if (static_cast<std::uint64_t>(local) + kLocalHeaderSize > directory_offset ||
        u32(b, local) != kLocalHeader)
      return refused("zip_malformed", e.name);
    const std::size_t local_name_len = u16(b, local + 26);
    const std::size_t local_extra_len = u16(b, local + 28);
    if (b.substr(local + kLocalHeaderSize, local_name_len) != e.name) return refused("zip_malformed", e.name);
    if (u16(b, local + 6) != e.flags || u16(b, local + 8) != e.method)
      return refused("zip_malformed", e.name);
    e.data_offset = static_cast<std::uint64_t>(local) + kLocalHeaderSize + local_name_len + local_extra_len;
    if (e.data_offset + e.compressed > directory_offset) return refused("zip_malformed", e.name);
    listing.entries.push_back(std::move(e));
    at = next;
  }
  if (at != *end) return refused("zip_malformed");
  if (inflated_total > compressed_total * limits.max_ratio) return refused("zip_ratio");
  // No two entries may share bytes (overlapping entries inflate one stream many times).
  std::vector<std::pair<std::uint64_t, std::uint64_t>> spans;
  for (const auto& e : listing.entries) spans.emplace_back(e.data_offset, e.data_offset + e.compressed);
  std::sort(spans.begin(), spans.end());
  for (std::size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].first < spans[i - 1].second) return refused("zip_malformed");
  }
  return listing;
}

std::optional<std::string> inflate_entry(std::string_view b, const ZipEntry& e) {
  const auto data = b.substr(e.data_offset, e.compressed);
  std::string out;
  if (e.method == 0) {
    out.assign(data);
  } else {
    out.resize(e.inflated);
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    // One spare byte: a stream that would write past the declared size is caught, never written.
    char spare = 0;
    z.next_out = e.inflated > 0 ? reinterpret_cast<Bytef*>(out.data()) : reinterpret_cast<Bytef*>(&spare);
    z.avail_out = static_cast<uInt>(e.inflated > 0 ? e.inflated : 1);
    int rc = inflate(&z, Z_FINISH);
    if ((rc == Z_BUF_ERROR || rc == Z_OK) && z.avail_out == 0 && e.inflated > 0) {
      z.next_out = reinterpret_cast<Bytef*>(&spare);
      z.avail_out = 1;
      rc = inflate(&z, Z_FINISH);
    }
    const auto produced = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != e.inflated) return std::nullopt;
  }
  const auto crc = ::crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size()));
  if (crc != e.crc32) return std::nullopt;
  return out;
}

}  // namespace portal::inconsistencies
