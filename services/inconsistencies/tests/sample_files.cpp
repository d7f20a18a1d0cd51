#include "sample_files.hpp"

#include <zlib.h>

#include <stdexcept>

namespace portal::inconsistencies::testing {
namespace {

void be32(std::string& out, std::uint32_t v) {
  for (int shift : {24, 16, 8, 0}) out += static_cast<char>((v >> shift) & 0xFF);
}
void le16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void le32(std::string& out, std::uint32_t v) {
  le16(out, v & 0xFFFF);
  le16(out, v >> 16);
}

std::uint32_t crc(const std::string& s) {
  return static_cast<std::uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

void chunk(std::string& png, const std::string& type, const std::string& data) {
  be32(png, static_cast<std::uint32_t>(data.size()));
  png += type + data;
  be32(png, crc(type + data));
}

std::string deflate_raw(const std::string& in) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflate");
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

std::string tiny_png() {
  std::string png("\x89PNG\r\n\x1A\n", 8);
  std::string ihdr;
  be32(ihdr, 1);
  be32(ihdr, 1);
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit greyscale
  chunk(png, "IHDR", ihdr);
  const std::string raw("\x00\x80", 2);  // filter 0, one grey pixel
  std::string compressed(64, '\0');
  uLongf n = compressed.size();
  ::compress(reinterpret_cast<Bytef*>(compressed.data()), &n, reinterpret_cast<const Bytef*>(raw.data()),
             raw.size());
  compressed.resize(n);
  chunk(png, "IDAT", compressed);
  chunk(png, "IEND", "");
  return png;
}

std::string tiny_gif() {
  // 1x1, global colour table of 2 entries, one image with LZW min code size 2.
  return std::string(
      "GIF89a\x01\x00\x01\x00\x80\x00\x00"
      "\x00\x00\x00\xff\xff\xff"
      "\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00"
      "\x02\x02\x44\x01\x00"
      "\x3b",
      35);
}

std::string tiny_jpeg() {
  std::string j("\xFF\xD8", 2);
  j += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
  j += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
  j += std::string("\x12\x34\x56", 3);  // entropy-coded data
  j += std::string("\xFF\xD9", 2);
  return j;
}

std::string tiny_pdf(const std::string& text) {
  return "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
         "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% " +
         text + "\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n";
}

std::string gif_js_polyglot() {
  // Width 0x2A2F ("/*") opens a JS comment; after the trailer: */=1;alert(document.domain);
  std::string g("GIF89a/*\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff", 19);
  g += std::string("\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b", 16);
  g += "*/=1;alert(document.domain);";
  return g;
}

std::string html_page() { return "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"; }

std::string make_zip(const std::vector<ZipItem>& items) {
  std::string out;
  std::string directory;
  for (const auto& item : items) {
    const std::string data = item.deflate ? deflate_raw(item.content) : item.content;
    const std::uint32_t inflated = item.declared_inflated >= 0
                                       ? static_cast<std::uint32_t>(item.declared_inflated)
                                       : static_cast<std::uint32_t>(item.content.size());
    const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    const std::uint16_t method = item.declared_method >= 0 ? static_cast<std::uint16_t>(item.declared_method)
                                 : item.deflate            ? 8
                                                           : 0;
    le32(out, 0x04034b50);
    le16(out, 20);
    le16(out, item.flags);
    le16(out, method);
    le32(out, 0);
    le32(out, crc(item.content));
    le32(out, static_cast<std::uint32_t>(data.size()));
    le32(out, inflated);
    le16(out, static_cast<std::uint32_t>(item.name.size()));
    le16(out, 0);
    out += item.name + data;
    le32(directory, 0x02014b50);
    le16(directory, 20);
    le16(directory, 20);
    le16(directory, item.flags);
    le16(directory, method);
    le32(directory, 0);
    le32(directory, crc(item.content));
    le32(directory, static_cast<std::uint32_t>(data.size()));
    le32(directory, inflated);
    le16(directory, static_cast<std::uint32_t>(item.name.size()));
    le16(directory, 0);
    le16(directory, 0);
    le16(directory, 0);
    le16(directory, 0);
    le32(directory, 0);
    le32(directory, offset);
    directory += item.name;
  }
  const std::uint32_t directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  le32(out, 0x06054b50);
  le16(out, 0);
  le16(out, 0);
  le16(out, static_cast<std::uint32_t>(items.size()));
  le16(out, static_cast<std::uint32_t>(items.size()));
  le32(out, static_cast<std::uint32_t>(directory.size()));
  le32(out, directory_offset);
  le16(out, 0);
  return out;
}

std::string zero_bomb(int megabytes) {
  return make_zip({{"scan.pdf", std::string(static_cast<std::size_t>(megabytes) * 1024 * 1024, '\0')}});
}

}  // namespace portal::inconsistencies::testing
