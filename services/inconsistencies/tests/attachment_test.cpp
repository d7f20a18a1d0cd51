// INC-2: the type of an attachment is decided by its content, with a structural check, and zip archives
// are judged from their central directory before anything is inflated.
#include "attachment.hpp"

#include <catch2/catch.hpp>

#include "sample_files.hpp"
#include "zip_listing.hpp"

namespace portal::inconsistencies {
namespace {

using namespace testing;

std::string code_of(const SniffResult& r) {
  return r.ok() ? std::string(to_string(*r.kind)) : r.refusal.code;
}

std::string flip(std::string s, std::size_t at) {
  s[at] = static_cast<char>(s[at] ^ 0x01);
  return s;
}

}  // namespace

TEST_CASE("INC-2 the type comes from the content, never the name", "[unit]") {
  struct Row {
    const char* what;
    std::string bytes;
    std::string expected;  // the detected type, or the refusal code
  };
  const std::string png = tiny_png();
  const std::vector<Row> rows{
      {"png", png, "png"},
      {"gif", tiny_gif(), "gif"},
      {"jpeg", tiny_jpeg(), "jpeg"},
      {"pdf", tiny_pdf(), "pdf"},
      {"zip of a pdf and a png", make_zip({{"cedula.pdf", tiny_pdf()}, {"reverso.png", png, false}}), "zip"},
      {"empty", "", "empty_file"},
      {"html", html_page(), "unsupported_type"},
      {"javascript", "alert(1)", "unsupported_type"},
      {"ELF executable",
       std::string("\x7F"
                   "ELF\x02\x01\x01",
                   7),
       "unsupported_type"},
      {"png with a broken CRC", flip(png, png.size() - 13), "malformed_png"},
      {"png cut short", png.substr(0, png.size() - 5), "malformed_png"},
      {"png with bytes after IEND", png + "<script>", "trailing_data"},
      {"png signature only", png.substr(0, 8), "malformed_png"},
      {"gif/js polyglot", gif_js_polyglot(), "trailing_data"},
      {"gif cut short", tiny_gif().substr(0, 20), "malformed_gif"},
      {"jpeg without EOI", tiny_jpeg().substr(0, tiny_jpeg().size() - 2), "malformed_jpeg"},
      {"jpeg with zero padding", tiny_jpeg() + std::string(4, '\0'), "jpeg"},
      {"pdf without %%EOF", "%PDF-1.4\n1 0 obj<<>>endobj\n", "malformed_pdf"},
      {"pdf header only", "%PDF-", "malformed_pdf"},
      {"pdf with a payload after %%EOF", tiny_pdf() + "<html>", "malformed_pdf"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    CHECK(code_of(sniff_attachment(row.bytes)) == row.expected);
  }
}

TEST_CASE("INC-2 zip archives are listed and sized before inflating", "[unit]") {
  const std::string pdf = tiny_pdf();
  std::vector<ZipItem> hundred;
  for (int i = 0; i < 100; ++i) hundred.push_back({"p" + std::to_string(i) + ".pdf", pdf});
  auto hundred_and_one = hundred;
  hundred_and_one.push_back({"extra.pdf", pdf});
  struct Row {
    const char* what;
    std::string bytes;
    std::string expected;
  };
  const std::vector<Row> rows{
      {"100 entries", make_zip(hundred), "zip"},
      {"101 entries", make_zip(hundred_and_one), "zip_too_many_entries"},
      {"one entry inflating 1000:1", zero_bomb(1), "zip_ratio"},
      {"zip slip", make_zip({{"../../etc/passwd", pdf}}), "zip_unsafe_path"},
      {"absolute path", make_zip({{"/etc/passwd", pdf}}), "zip_unsafe_path"},
      {"windows drive", make_zip({{"C:\\evil.pdf", pdf}}), "zip_unsafe_path"},
      {"dot-dot inside", make_zip({{"a/../../b.pdf", pdf}}), "zip_unsafe_path"},
      {"encrypted", make_zip({{"cedula.pdf", pdf, false, 0x0001}}), "zip_encrypted"},
      {"strong encryption", make_zip({{"cedula.pdf", pdf, false, 0x0041}}), "zip_encrypted"},
      {"bzip2 entry (method 12)", make_zip({{"cedula.pdf", pdf, false, 0, -1, 12}}),
       "zip_unsupported_method"},
      {"LZMA entry (method 14)", make_zip({{"cedula.pdf", pdf, true, 0, -1, 14}}), "zip_unsupported_method"},
      {"nested zip (42.zip)", make_zip({{"inner.zip", make_zip({{"a.pdf", pdf}})}}), "zip_nested"},
      {"entry that is html", make_zip({{"cedula.pdf", html_page()}}), "zip_entry_type"},
      {"entry with a broken png", make_zip({{"a.png", flip(tiny_png(), 20)}}), "zip_entry_type"},
      {"size lie: inflates past its declared size", make_zip({{"a.pdf", pdf, true, 0, 10}}), "zip_malformed"},
      {"only a directory", make_zip({{"dir/", "", false}}), "zip_malformed"},
      {"truncated archive", make_zip({{"a.pdf", pdf}}).substr(0, 40), "zip_malformed"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    CHECK(code_of(sniff_attachment(row.bytes)) == row.expected);
  }
}

TEST_CASE("INC-2 a zip bomb is refused from its directory, before any inflation", "[unit]") {
  // Sizes declared honestly and beyond the limits: list_zip decides alone, no byte inflated.
  const auto bomb = zero_bomb(1);
  const auto listing = list_zip(bomb, ZipLimits{});
  REQUIRE(listing.refusal);
  CHECK(listing.refusal->code == "zip_ratio");
  CHECK(listing.refusal->entry == "scan.pdf");
  // 21 MB of inflated content at a ratio the limit allows: too large in total.
  ZipLimits lenient;
  lenient.max_ratio = 100000;
  const auto big = list_zip(zero_bomb(21), lenient);
  REQUIRE(big.refusal);
  CHECK(big.refusal->code == "zip_too_large");
}

TEST_CASE("INC-2 entry names that could escape a folder are unsafe", "[unit]") {
  for (auto [name, safe] : std::vector<std::pair<std::string, bool>>{{"cedula.pdf", true},
                                                                     {"scans/front.png", true},
                                                                     {"..hidden.pdf", true},
                                                                     {"../x", false},
                                                                     {"a/..", false},
                                                                     {"/x", false},
                                                                     {"\\x", false},
                                                                     {"a\\..\\x", false},
                                                                     {"D:x", false},
                                                                     {std::string("a\0b", 3), false},
                                                                     {"", false}}) {
    CAPTURE(name);
    CHECK(safe_entry_name(name) == safe);
  }
}

}  // namespace portal::inconsistencies
