// Structure-aware libFuzzer target for the XLSX reader (issue 19). Mutated whole files mostly stop at the
// zip's checksums and central directory, so the XML paths were reached only through the seeds' own parts.
// Here the input is the package's XML parts, split by kSeparator in this order: the sheet, the shared
// strings, the styles, the workbook and the workbook's relationships (a missing part keeps a minimal valid
// default). The harness zips them with libzip (stored, so every byte reaches the reader as fuzzed) and reads
// every sheet.
#include <zip.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "read_everything.hpp"

namespace {

constexpr std::string_view kSeparator = "\n--part--\n";

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
constexpr std::string_view kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" )"
    R"(Target="xl/workbook.xml"/></Relationships>)";

struct Part {
  const char* name;
  std::string_view fallback;
};

const std::array<Part, 5> kParts{{
    {"xl/worksheets/sheet1.xml",
     R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
     R"(<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>)"},
    {"xl/sharedStrings.xml",
     R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
     R"(<si><t>FE</t></si></sst>)"},
    {"xl/styles.xml",
     R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
     R"(<cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>)"},
    {"xl/workbook.xml",
     R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
     R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
     R"(<sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
    {"xl/_rels/workbook.xml.rels",
     R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
     R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" )"
     R"(Target="worksheets/sheet1.xml"/><Relationship Id="rId2" )"
     R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
     R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" )"
     R"(Target="styles.xml"/></Relationships>)"},
}};

bool add(zip_t* archive, const char* name, std::string_view bytes) {
  zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
  if (source == nullptr) return false;
  const zip_int64_t index = zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return false;
  }
  return zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) == 0;
}

// The package as zip bytes, built in memory; empty if libzip refused.
std::string package(const std::array<std::string_view, kParts.size()>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* memory = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (memory == nullptr) return {};
  zip_source_keep(memory);
  zip_t* archive = zip_open_from_source(memory, ZIP_TRUNCATE, &error);
  std::string out;
  if (archive != nullptr) {
    bool ok = add(archive, "[Content_Types].xml", kContentTypes) && add(archive, "_rels/.rels", kPackageRels);
    for (std::size_t i = 0; ok && i < kParts.size(); ++i) ok = add(archive, kParts[i].name, parts[i]);
    if (!ok || zip_close(archive) != 0) {
      zip_discard(archive);
    } else if (zip_source_open(memory) == 0) {
      char buffer[8192];
      zip_int64_t n;
      while ((n = zip_source_read(memory, buffer, sizeof buffer)) > 0)
        out.append(buffer, static_cast<std::size_t>(n));
      zip_source_close(memory);
    }
  }
  zip_source_free(memory);
  zip_error_fini(&error);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::array<std::string_view, kParts.size()> parts;
  for (std::size_t i = 0; i < kParts.size(); ++i) {
    const auto end = input.find(kSeparator);
    if (input.empty() && end == std::string_view::npos) {
      parts[i] = kParts[i].fallback;
      continue;
    }
    parts[i] = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view{} : input.substr(end + kSeparator.size());
  }
  const std::string bytes = package(parts);
  if (bytes.empty()) return 0;
  read_everything(bytes);
  return 0;
}
