// Issue 19, XLSX reader as an untrusted-input parser: every hostile or broken file is an Error with a
// stable code, never a crash, a hang or memory that grows with what the attacker declares.
#include <zip.h>

#include <catch2/catch.hpp>
#include <map>

#include "portal/documents/xlsx_reader.hpp"
#include "xlsx_test_files.hpp"

using namespace portal::documents::xlsx;

namespace {

using Parts = std::map<std::string, std::string>;

// A zip of `parts` built with libzip (deflated unless `stored`), optionally with one entry AES-encrypted.
std::string zip_of(const Parts& parts, const std::string& encrypted_entry = {}) {
  const std::string path = xlsx_test::temp_path("hostile.zip");
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    REQUIRE(source != nullptr);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    REQUIRE(index >= 0);
    if (name == encrypted_entry)
      REQUIRE(zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256, "clave") ==
              0);
  }
  REQUIRE(zip_close(archive) == 0);
  return xlsx_test::slurp(path);
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>)";
const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";

std::string sheet_with(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

Parts workbook_with(const std::string& sheet, const std::string& shared_strings = "<sst/>") {
  return Parts{{"[Content_Types].xml", kContentTypes}, {"_rels/.rels", kRootRels},
               {"xl/workbook.xml", kWorkbook},         {"xl/_rels/workbook.xml.rels", kWorkbookRels},
               {"xl/worksheets/sheet1.xml", sheet},    {"xl/sharedStrings.xml", shared_strings}};
}

// The first error of opening and reading the file's first sheet; "" when it reads.
std::string first_error(const std::string& bytes, const Limits& limits = {}) {
  auto workbook = Workbook::open(bytes, limits);
  if (workbook->error()) return workbook->error()->code;
  const auto error = workbook->read_rows({}, [](const Row&) { return true; });
  return error ? error->code : "";
}

}  // namespace

TEST_CASE("the minimal hand-built workbook reads (the hostile cases below differ from it in one thing)") {
  const auto bytes = zip_of(workbook_with(sheet_with(R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)"),
                                          "<sst><si><t>hola</t></si></sst>"));
  CHECK(first_error(bytes) == "");
}

TEST_CASE("hostile and broken files are refused with a code naming what is wrong") {
  const std::string lol =
      R"(<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>)";
  std::string deep = R"(<row r="1"><c r="A1" t="inlineStr"><is>)";
  for (int i = 0; i < 100; ++i) deep += "<x>";
  for (int i = 0; i < 100; ++i) deep += "</x>";
  deep += "<t>a</t></is></c></row>";
  const auto valid = zip_of(workbook_with(sheet_with(R"(<row r="1"><c r="A1"><v>1</v></c></row>)")));

  struct Case {
    const char* what;
    std::string bytes;
    const char* code;
  };
  const std::vector<Case> cases{
      {"a zip bomb: 8 MB of one byte in the sheet",
       zip_of(workbook_with(sheet_with(std::string(8u << 20, ' ')))), "zip_ratio"},
      {"billion laughs in the shared strings",
       zip_of(workbook_with(sheet_with(""),
                            "<?xml version=\"1.0\"?>" + lol + "<sst><si><t>&lol3;</t></si></sst>")),
       "xml_dtd"},
      {"a DTD in the sheet",
       zip_of(workbook_with("<?xml version=\"1.0\"?>" + lol + sheet_with("").substr(38))), "xml_dtd"},
      {"elements nested 100 deep in a row", zip_of(workbook_with(sheet_with(deep))), "xml_too_deep"},
      {"a truncated zip", valid.substr(0, valid.size() / 2), "not_xlsx"},
      {"an HTML page renamed .xlsx", "<!doctype html><html><body><script>alert(1)</script></body></html>",
       "not_xlsx"},
      {"an empty file", "", "not_xlsx"},
      {"a zip that is not a workbook", zip_of(Parts{{"notas.txt", "hola"}}), "not_xlsx"},
      {"malformed XML in a row", zip_of(workbook_with(sheet_with(R"(<row r="1"><c r="A1"><v>1</c></row>)"))),
       "xml_malformed"},
      {"a sheet cut off before its end",
       [&] {
         const std::string whole = sheet_with(R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
         return zip_of(workbook_with(whole.substr(0, whole.find("</c>"))));
       }(),
       "xml_malformed"},
      {"a shared string that does not exist",
       zip_of(workbook_with(sheet_with(R"(<row r="1"><c r="A1" t="s"><v>7</v></c></row>)"))), "bad_cell"},
      {"a number that is not one",
       zip_of(workbook_with(sheet_with(R"(<row r="1"><c r="A1"><v>1,5</v></c></row>)"))), "bad_cell"},
      {"a cell reference of another row",
       zip_of(workbook_with(sheet_with(R"(<row r="1"><c r="A2"><v>1</v></c></row>)"))), "bad_cell"},
      {"rows out of order",
       zip_of(workbook_with(
           sheet_with(R"(<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>)"))),
       "bad_cell"},
      {"a workbook without sheets",
       [&] {
         auto parts = workbook_with(sheet_with(""));
         parts["xl/workbook.xml"] = "<workbook><sheets/></workbook>";
         return zip_of(parts);
       }(),
       "not_xlsx"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    CHECK(first_error(c.bytes) == c.code);
  }
}

TEST_CASE("the limits are configurable and each one is enforced") {
  Parts many = workbook_with(sheet_with(R"(<row r="1"><c r="A1"><v>1</v></c></row>)"));
  for (int i = 0; i < 20; ++i) many["xl/extra" + std::to_string(i) + ".xml"] = "<x/>";
  Limits few;
  few.max_entries = 10;
  CHECK(first_error(zip_of(many), few) == "zip_too_many_entries");

  std::string rows;
  for (int r = 1; r <= 2000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
            "\" t=\"inlineStr\"><is><t>" + std::to_string(r * 7919) + "</t></is></c></row>";
  const auto sheet = zip_of(workbook_with(sheet_with(rows)));
  Limits small;
  small.max_inflated_bytes = 20'000;
  CHECK(first_error(sheet, small) == "zip_too_large");
  Limits narrow;
  narrow.max_row_xml_bytes = 32;
  CHECK(first_error(sheet, narrow) == "row_too_large");
  CHECK(first_error(sheet) == "");
}

TEST_CASE("an encrypted entry is refused before anything is inflated") {
  const auto bytes = zip_of(workbook_with(sheet_with(R"(<row r="1"><c r="A1"><v>1</v></c></row>)")),
                            "xl/worksheets/sheet1.xml");
  CHECK(first_error(bytes) == "zip_encrypted");
}
