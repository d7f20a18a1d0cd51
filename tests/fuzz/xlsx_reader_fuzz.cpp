// libFuzzer target for the XLSX reader (issue 19): any bytes, as an uploaded .xlsx, through open and a full
// read of every sheet. Built with clang (-fsanitize=fuzzer,address,undefined) by tests/fuzz/CMakeLists.txt;
// `ctest -R xlsx_reader_fuzz` runs it for a bounded time, `make fuzz` for longer (docs/finance.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "read_everything.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  read_everything(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
