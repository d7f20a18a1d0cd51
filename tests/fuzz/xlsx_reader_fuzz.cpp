// libFuzzer target for the XLSX reader (issue 19): any bytes, as an uploaded .xlsx, through open and a full
// read of every sheet. Built with clang (-fsanitize=fuzzer,address,undefined) by tests/fuzz/CMakeLists.txt;
// `ctest -R xlsx_reader_fuzz` runs it for a bounded time, `make fuzz` for longer (docs/finance.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "portal/documents/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace portal::documents::xlsx;
  Limits limits;
  limits.max_inflated_bytes = 32ull << 20;  // the fuzzer's memory budget, not the service's
  limits.max_part_bytes = 16ull << 20;
  auto workbook = Workbook::open(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (workbook->error()) return 0;
  for (const auto& name : workbook->sheet_names()) {
    std::size_t cells = 0;
    (void)workbook->read_rows(name, [&](const Row& row) {
      cells += row.cells.size();
      return cells < 1'000'000;
    });
  }
  return 0;
}
