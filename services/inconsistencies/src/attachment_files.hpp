#pragma once
// INC-2 storage of the attachment bytes: files under a name the server makes (<sha256 prefix>-<random>
// .<detected extension>), in a directory outside any web root (PORTAL_INCONSISTENCIES_ATTACHMENTS_DIR,
// default <data>/inconsistencies/attachments, mode 0700, files 0600). No part of the client's file name
// is ever used.
//
// Issue 17 item 2, a report and its file are both stored or neither: stage() writes tmp/<name>.part and
// fsyncs it; the report's row is committed; publish() renames it into place and fsyncs the directory. A
// crash before the commit leaves a .part no row names (removed by sweep()); a crash after it leaves a .part
// whose row exists (sweep() finishes the rename). A file is only ever served through its row, so an
// orphan is never served.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "attachment.hpp"

namespace portal::inconsistencies {

struct SweepResult {
  std::size_t completed = 0;  // .part files of committed reports, renamed into place
  std::size_t removed = 0;    // files no report names
};

class AttachmentFiles {
 public:
  explicit AttachmentFiles(std::filesystem::path dir);

  struct Staged {
    std::string stored_name;
    std::filesystem::path temp;
  };
  // Throws std::runtime_error when the disk refuses (the route answers 503, nothing stored).
  Staged stage(std::string_view bytes, std::string_view sha256_hex, FileKind kind) const;
  void publish(const Staged& staged) const;
  void discard(const Staged& staged) const noexcept;
  // The bytes of a stored file; nullopt for a name the server could not have made or a missing file.
  std::optional<std::string> read(const std::string& stored_name) const;
  // At start-up: every file no report names and older than min_age is removed (younger ones may be
  // another replica's upload in flight); .part files of committed reports are renamed into place.
  SweepResult sweep(const std::function<bool(const std::string&)>& referenced,
                    std::chrono::seconds min_age) const;
  const std::filesystem::path& dir() const { return dir_; }

  static bool valid_stored_name(std::string_view name);

 private:
  std::filesystem::path dir_;
};

}  // namespace portal::inconsistencies
