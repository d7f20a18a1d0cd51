#pragma once
// What both XLSX fuzz targets do with their bytes: open them as an upload with the fuzzer's memory limits and
// read every cell of every sheet (issue 19).
#include <cstddef>
#include <string_view>

#include "portal/documents/xlsx_reader.hpp"

inline void read_everything(std::string_view bytes) {
  using namespace portal::documents::xlsx;
  Limits limits;
  limits.max_inflated_bytes = 32ull << 20;  // the fuzzer's memory budget, not the service's
  limits.max_part_bytes = 16ull << 20;
  auto workbook = Workbook::open(bytes, limits);
  if (workbook->error()) return;
  for (const auto& name : workbook->sheet_names()) {
    std::size_t cells = 0;
    (void)workbook->read_rows(name, [&](const Row& row) {
      cells += row.cells.size();
      return cells < 1'000'000;
    });
  }
}
