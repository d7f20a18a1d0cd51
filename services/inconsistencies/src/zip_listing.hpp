#pragma once
// INC-2 zip attachments: the archive is listed and sized from its central directory (PKWARE APPNOTE
// 6.3.x §4.3) before a single byte is inflated, and refused when any limit is passed. The listing trusts
// nothing it cannot cross-check: the end record must account for the whole directory, every entry's
// local header must name the same file, entries' data may not overlap (the overlapping-file zip bomb)
// and must lie before the directory. Zip64 and multi-disk archives are refused: a 2 MB upload needs
// neither.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "attachment.hpp"

namespace portal::inconsistencies {

struct ZipEntry {
  std::string name;
  std::uint16_t flags = 0;
  std::uint16_t method = 0;  // 0 stored, 8 deflate
  std::uint32_t crc32 = 0;
  std::uint64_t compressed = 0;
  std::uint64_t inflated = 0;
  std::uint64_t data_offset = 0;  // first byte of the entry's data in the archive
  bool directory() const { return !name.empty() && name.back() == '/'; }
};

struct ZipListing {
  std::vector<ZipEntry> entries;
  std::optional<Refusal> refusal;  // set: refused, entries may be partial
};

// Lists the archive and applies every limit that the directory alone can decide: entry count, inflated
// total, ratio (per entry and overall), encryption, method, unsafe names (absolute, drive letters, "..",
// backslashes, control characters).
ZipListing list_zip(std::string_view archive, const ZipLimits& limits);

// An entry's bytes, inflated into at most its declared size: more output, less output or a CRC-32 that
// does not match is nullopt. Only for entries list_zip accepted.
std::optional<std::string> inflate_entry(std::string_view archive, const ZipEntry& entry);

// The name is safe to show and could never escape a directory if someone extracted it.
bool safe_entry_name(std::string_view name);

}  // namespace portal::inconsistencies
