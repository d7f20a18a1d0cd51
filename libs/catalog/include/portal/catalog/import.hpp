#pragma once
// OPS-6: loading the full official tables from CSV. The importer validates every line, reports the
// rejected ones with their line numbers and reasons, keeps the rest, and can write the result in the
// canonical format into a data directory that services load at start-up (PORTAL_CATALOG_DIR).
// Expected columns per catalog: docs/catalogs.md.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/catalog/item.hpp"

namespace portal::catalog {

struct RejectedLine {
  std::size_t line = 0;  // 1-based line number in the file (the header is line 1)
  std::string reason;
};

struct ImportReport {
  std::string name;
  std::size_t loaded = 0;
  std::vector<RejectedLine> rejected;
  std::string error;  // a whole-file problem (unknown catalog, unreadable file, missing column); empty if none
  bool ok() const { return error.empty(); }
};

// Parsed and validated content of one catalog file.
struct ImportResult {
  ImportReport report;
  std::vector<Item> items;            // the accepted rows, as catalog items
  std::string canonical_csv;          // the accepted rows in the canonical columns
  std::string derived_limits_csv;     // cie10 only: sex/age columns found in the input become
                                      // cie10_limits.csv rows (empty when the input had none)
};

// Every catalog name the importer knows (served catalogs plus cie10_limits).
std::vector<std::string> importable_names();
// The canonical file name of a catalog in a data directory: "<name>.csv".
std::string file_name(std::string_view name);

ImportResult import_text(std::string_view name, std::string_view csv_text);
ImportResult import_csv_file(std::string_view name, const std::filesystem::path& path);

// import_csv(name, path): validates the file; when `out_dir` is given and the file has no whole-file
// error, writes <out_dir>/<name>.csv atomically (and cie10_limits.csv when derived).
ImportReport import_csv(std::string_view name, const std::filesystem::path& path,
                        const std::optional<std::filesystem::path>& out_dir = std::nullopt);

}  // namespace portal::catalog
