#pragma once
// Files that are durable before anything points at them (rule 5: a 201/202 means the data is durable):
// the bytes go to a hidden temporary file in the same folder, which is fsync'ed, renamed over the final
// name and the folder fsync'ed, so a crash leaves either no file or the whole file, never half of one.
#include <string>
#include <string_view>

namespace portal::core {

// Writes `content` to dir/name that way (creating dir). Throws std::runtime_error on failure.
void write_file_durably(const std::string& dir, const std::string& name, std::string_view content);
// Makes an already written file durable under a new name in its folder: fsync, rename, fsync of the folder.
void commit_file_durably(const std::string& written_path, const std::string& final_path);
// The whole file, or throws std::runtime_error.
std::string read_whole_file(const std::string& path);

}  // namespace portal::core
