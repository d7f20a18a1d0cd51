#include "attachment.hpp"

#include <zlib.h>

#include <array>
#include <cstdint>

#include "zip_listing.hpp"

namespace portal::inconsistencies {
namespace {

unsigned char byte(std::string_view b, std::size_t at) { return static_cast<unsigned char>(b[at]); }

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (static_cast<std::uint32_t>(byte(b, at)) << 24) |
         (static_cast<std::uint32_t>(byte(b, at + 1)) << 16) |
         (static_cast<std::uint32_t>(byte(b, at + 2)) << 8) | byte(b, at + 3);
}

bool starts_with(std::string_view b, std::string_view prefix) { return b.substr(0, prefix.size()) == prefix; }

// GIF87a/89a (W3C GIF89a spec): screen descriptor, optional global colour table, then extension (0x21)
// and image (0x2C) blocks made of length-prefixed sub-blocks, up to the trailer 0x3B, which must be the
// last byte. A GIF/JS polyglot needs bytes after the trailer or a broken block chain to hold its script.
std::optional<std::string> check_gif(std::string_view b) {
  std::size_t at = 13;
  if (b.size() < at) return "malformed_gif";
  const unsigned char packed = byte(b, 10);
  if (packed & 0x80) at += 3u * (1u << ((packed & 0x07) + 1));
  auto skip_sub_blocks = [&]() -> bool {
    while (true) {
      if (at >= b.size()) return false;
      const std::size_t n = byte(b, at++);
      if (n == 0) return true;
      at += n;
    }
  };
  while (true) {
    if (at >= b.size()) return "malformed_gif";
    const unsigned char introducer = byte(b, at++);
    if (introducer == 0x3B) break;
    if (introducer == 0x21) {
      if (at >= b.size()) return "malformed_gif";
      ++at;  // label
      if (!skip_sub_blocks()) return "malformed_gif";
    } else if (introducer == 0x2C) {
      if (at + 9 > b.size()) return "malformed_gif";
      const unsigned char image_packed = byte(b, at + 8);
      at += 9;
      if (image_packed & 0x80) at += 3u * (1u << ((image_packed & 0x07) + 1));
      ++at;  // LZW minimum code size
      if (!skip_sub_blocks()) return "malformed_gif";
    } else {
      return "malformed_gif";
    }
  }
  if (at != b.size()) return "trailing_data";
  return std::nullopt;
}

// JPEG (ITU T.81 Annex B): SOI, marker segments with their lengths up to SOS, entropy-coded data, EOI.
// Only zero padding may follow the last EOI.
std::optional<std::string> check_jpeg(std::string_view b) {
  std::size_t at = 2;
  bool scan = false;
  while (!scan) {
    if (at + 4 > b.size() || byte(b, at) != 0xFF) return "malformed_jpeg";
    unsigned char marker = byte(b, at + 1);
    while (marker == 0xFF && at + 2 < b.size()) marker = byte(b, ++at + 1);  // fill bytes
    if (marker == 0xD8 || marker == 0xD9 || marker == 0x00) return "malformed_jpeg";
    if (marker >= 0xD0 && marker <= 0xD7) {
      at += 2;
      continue;
    }
    const std::size_t length = (static_cast<std::size_t>(byte(b, at + 2)) << 8) | byte(b, at + 3);
    if (length < 2 || at + 2 + length > b.size()) return "malformed_jpeg";
    scan = marker == 0xDA;
    at += 2 + length;
  }
  std::size_t end = b.size();
  while (end > at && b[end - 1] == '\0') --end;
  if (end < at + 2 || byte(b, end - 2) != 0xFF || byte(b, end - 1) != 0xD9) return "malformed_jpeg";
  return std::nullopt;
}

// PNG (ISO/IEC 15948): signature, then chunks (length, type, data, CRC-32 over type and data), IHDR first
// with 13 bytes, at least one IDAT, IEND last with nothing after it.
std::optional<std::string> check_png(std::string_view b) {
  std::size_t at = 8;
  bool first = true;
  bool idat = false;
  while (true) {
    if (at + 12 > b.size()) return "malformed_png";
    const std::uint32_t length = be32(b, at);
    if (length > b.size() || at + 12 + length > b.size()) return "malformed_png";
    const auto type = b.substr(at + 4, 4);
    for (char c : type) {
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return "malformed_png";
    }
    const auto crc = ::crc32(0L, reinterpret_cast<const Bytef*>(b.data() + at + 4), length + 4);
    if (crc != be32(b, at + 8 + length)) return "malformed_png";
    if (first && (type != "IHDR" || length != 13)) return "malformed_png";
    first = false;
    if (type == "IDAT") idat = true;
    at += 12 + length;
    if (type == "IEND") break;
  }
  if (!idat) return "malformed_png";
  if (at != b.size()) return "trailing_data";
  return std::nullopt;
}

// PDF (ISO 32000): "%PDF-" at offset 0 and an "%%EOF" marker in the last 1,024 bytes (incremental
// updates append after an earlier one, so the last one counts; some writers add a line end after it).
std::optional<std::string> check_pdf(std::string_view b) {
  if (!starts_with(b, "%PDF-") || b.size() < 8 || !(b[5] >= '1' && b[5] <= '2') || b[6] != '.')
    return "malformed_pdf";
  const auto tail = b.substr(b.size() > 1024 ? b.size() - 1024 : 0);
  const auto eof = tail.rfind("%%EOF");
  if (eof == std::string_view::npos) return "malformed_pdf";
  for (char c : tail.substr(eof + 5)) {
    if (c != '\r' && c != '\n' && c != ' ' && c != '\t' && c != '\0') return "malformed_pdf";
  }
  return std::nullopt;
}

SniffResult refused(std::string code, std::string entry = {}) {
  SniffResult r;
  r.refusal = Refusal{std::move(code), std::move(entry)};
  return r;
}

SniffResult sniff_zip(std::string_view b, const ZipLimits& limits) {
  const auto listing = list_zip(b, limits);
  if (listing.refusal) return refused(listing.refusal->code, listing.refusal->entry);
  bool any_file = false;
  for (const auto& e : listing.entries) {
    if (e.directory()) {
      if (e.inflated != 0) return refused("zip_malformed", e.name);
      continue;
    }
    any_file = true;
    const auto content = inflate_entry(b, e);
    if (!content) return refused("zip_malformed", e.name);
    const auto kind = magic_kind(*content);
    if (kind == FileKind::zip) return refused("zip_nested", e.name);
    if (!kind) return refused("zip_entry_type", e.name);
    if (auto problem = check_structure(*kind, *content)) return refused("zip_entry_type", e.name);
  }
  if (!any_file) return refused("zip_malformed");
  SniffResult ok;
  ok.kind = FileKind::zip;
  return ok;
}

}  // namespace

std::string_view to_string(FileKind kind) {
  switch (kind) {
    case FileKind::gif:
      return "gif";
    case FileKind::jpeg:
      return "jpeg";
    case FileKind::png:
      return "png";
    case FileKind::pdf:
      return "pdf";
    case FileKind::zip:
      return "zip";
  }
  return "";
}

std::string_view media_type(FileKind kind) {
  switch (kind) {
    case FileKind::gif:
      return "image/gif";
    case FileKind::jpeg:
      return "image/jpeg";
    case FileKind::png:
      return "image/png";
    case FileKind::pdf:
      return "application/pdf";
    case FileKind::zip:
      return "application/zip";
  }
  return "application/octet-stream";
}

std::string_view file_extension(FileKind kind) {
  switch (kind) {
    case FileKind::gif:
      return ".gif";
    case FileKind::jpeg:
      return ".jpg";
    case FileKind::png:
      return ".png";
    case FileKind::pdf:
      return ".pdf";
    case FileKind::zip:
      return ".zip";
  }
  return "";
}

std::optional<FileKind> file_kind_from_string(std::string_view text) {
  for (auto k : {FileKind::gif, FileKind::jpeg, FileKind::png, FileKind::pdf, FileKind::zip}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

std::optional<FileKind> magic_kind(std::string_view b) {
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return FileKind::gif;
  if (starts_with(b, "\xFF\xD8\xFF")) return FileKind::jpeg;
  if (starts_with(b, std::string_view("\x89PNG\r\n\x1A\n", 8))) return FileKind::png;
  if (starts_with(b, "%PDF-")) return FileKind::pdf;
  // A local file header (an archive of one or more entries); the empty-archive signature is refused.
  if (starts_with(b, std::string_view("PK\x03\x04", 4))) return FileKind::zip;
  return std::nullopt;
}

std::optional<std::string> check_structure(FileKind kind, std::string_view bytes) {
  switch (kind) {
    case FileKind::gif:
      return check_gif(bytes);
    case FileKind::jpeg:
      return check_jpeg(bytes);
    case FileKind::png:
      return check_png(bytes);
    case FileKind::pdf:
      return check_pdf(bytes);
    case FileKind::zip:
      return std::nullopt;  // sniff_zip
  }
  return std::nullopt;
}

SniffResult sniff_attachment(std::string_view bytes, const ZipLimits& limits) {
  if (bytes.empty()) return refused("empty_file");
  const auto kind = magic_kind(bytes);
  if (!kind) return refused("unsupported_type");
  if (*kind == FileKind::zip) return sniff_zip(bytes, limits);
  if (auto problem = check_structure(*kind, bytes)) return refused(*problem);
  SniffResult ok;
  ok.kind = kind;
  return ok;
}

}  // namespace portal::inconsistencies
