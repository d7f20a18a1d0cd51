#pragma once
// INC-2: what an uploaded attachment is, decided by its content alone (the client's file name and
// Content-Type are never read). A file is accepted only when its magic bytes name one of the allowed
// types AND its structure parses as that type:
//   gif   header, screen descriptor, blocks walked to the trailer; nothing may follow the trailer
//   jpeg  SOI, marker segments walked to the scan, EOI at the end (only zero padding after it)
//   png   signature, every chunk's length and CRC-32 from IHDR to IEND, at least one IDAT, nothing after
//   pdf   "%PDF-" header at offset 0 and "%%EOF" in the last 1,024 bytes
//   zip   listed and sized from its central directory before anything is inflated (zip_listing.hpp),
//         then every entry inflated within its declared size, CRC-checked and itself one of gif, jpeg,
//         png or pdf (a zip inside a zip is refused: 42.zip-style nesting)
// Why a GIF/JS polyglot is refused rather than stored inert: docs/inconsistencies.md ("Attachments").
#include <optional>
#include <string>
#include <string_view>

namespace portal::inconsistencies {

enum class FileKind { gif, jpeg, png, pdf, zip };

std::string_view to_string(FileKind kind);       // "gif", "jpeg", ...
std::string_view media_type(FileKind kind);      // "image/gif", ..., "application/zip"
std::string_view file_extension(FileKind kind);  // ".gif", ".jpg", ...
std::optional<FileKind> file_kind_from_string(std::string_view text);

inline constexpr std::size_t kMaxAttachmentBytes = 2097152;  // INC-2: 2 MB

struct ZipLimits {
  std::size_t max_entries = 100;
  unsigned long long max_inflated_total = 20ULL * 1024 * 1024;
  unsigned long long max_ratio = 100;  // inflated : compressed, per entry and for the whole archive
};

// Why a file was refused: a stable code (the problem's errors[].code) and its message. `entry` names
// the zip entry at fault, when there is one.
struct Refusal {
  std::string code;
  std::string entry;
};

struct SniffResult {
  std::optional<FileKind> kind;  // set: accepted
  Refusal refusal;               // when not accepted
  bool ok() const { return kind.has_value(); }
};

// Refusal codes:
//   empty_file, unsupported_type (no allowed magic bytes: HTML, scripts, executables, ...),
//   malformed_gif, malformed_jpeg, malformed_png, malformed_pdf, trailing_data (bytes after the end of
//   an image: the GIF/JS polyglot), zip_malformed, zip_too_many_entries, zip_too_large, zip_ratio,
//   zip_encrypted, zip_unsafe_path, zip_unsupported_method, zip_nested, zip_entry_type.
SniffResult sniff_attachment(std::string_view bytes, const ZipLimits& limits = {});

// The structural check of one non-archive type (exposed for the table tests).
std::optional<std::string> check_structure(FileKind kind, std::string_view bytes);  // nullopt: sound
// The kind named by the magic bytes alone, before any structural check.
std::optional<FileKind> magic_kind(std::string_view bytes);

}  // namespace portal::inconsistencies
