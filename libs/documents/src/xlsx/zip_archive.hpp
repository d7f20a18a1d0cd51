#pragma once
// The zip container of an .xlsx, opened from memory over libzip with the reader's limits checked on the
// central directory before anything is inflated, and inflation counted against them while it runs.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "portal/documents/xlsx_reader.hpp"

struct zip;

namespace portal::documents::xlsx {

Error make_error(std::string code, std::string es, std::string en);

class ZipArchive {
 public:
  ZipArchive() = default;
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Opens the archive and checks every entry's declared sizes, ratio and encryption.
  std::optional<Error> open(std::string_view bytes, const Limits& limits);
  bool contains(std::string_view name) const;
  // The whole entry, at most limits.max_part_bytes.
  std::optional<Error> read_whole(std::string_view name, std::string& out);
  // The entry in chunks handed to `on_chunk` (false stops); inflation stops at the limits.
  std::optional<Error> read_chunks(std::string_view name,
                                   const std::function<bool(std::string_view)>& on_chunk);

 private:
  zip* archive_ = nullptr;
  Limits limits_;
  std::uint64_t inflated_so_far_ = 0;
};

}  // namespace portal::documents::xlsx
