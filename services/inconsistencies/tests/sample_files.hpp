#pragma once
// Attachments for the INC-2 tests, built byte by byte so every case says what it is: valid files of each
// allowed type, and the hostile ones of the upload matrix (polyglot, zip bomb, zip slip, encrypted zip).
#include <cstdint>
#include <string>
#include <vector>

namespace portal::inconsistencies::testing {

std::string tiny_png();
std::string tiny_gif();
std::string tiny_jpeg();
std::string tiny_pdf(const std::string& text = "Cedula");
// GIF89a whose screen width bytes open a JavaScript comment and whose script follows the trailer: served
// as script it would run (the classic GIF/JS polyglot).
std::string gif_js_polyglot();
std::string html_page();

struct ZipItem {
  std::string name;
  std::string content;
  bool deflate = true;
  std::uint16_t flags = 0;
  // Sizes written in the headers when set (a lying archive), else the real ones.
  std::int64_t declared_inflated = -1;
  // Compression method written in both headers when set (12 bzip2, 14 LZMA, ...), else 8 or 0 from
  // `deflate`; the data stays what `deflate` says.
  std::int32_t declared_method = -1;
};
std::string make_zip(const std::vector<ZipItem>& items);
// One entry of `megabytes` zero bytes: a 1000:1 bomb.
std::string zero_bomb(int megabytes);

}  // namespace portal::inconsistencies::testing
