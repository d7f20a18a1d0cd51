#pragma once
// Test support only (header-only, not compiled into services): checks a PDF held in memory with the
// independent tools of poppler-utils and qpdf, as a reader would see it. Tests of any Anexo use it.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace portal::documents::testing {

// The PDF written to a private temporary file for the duration of a check.
class TempPdf {
 public:
  explicit TempPdf(const std::string& bytes) {
    std::string pattern = (std::filesystem::temp_directory_path() / "portal-pdf-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    ::close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  ~TempPdf() { std::filesystem::remove(path_); }
  TempPdf(const TempPdf&) = delete;
  TempPdf& operator=(const TempPdf&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

inline CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// pdftotext -layout: the text in reading order with columns kept apart by spaces.
inline std::string pdf_text(const std::string& pdf) {
  TempPdf file(pdf);
  return run_command("pdftotext -enc UTF-8 -layout '" + file.path() + "' -").output;
}

// pdftotext -bbox: every word with its box (xMin/yMin/xMax/yMax, top-left origin) as XHTML.
inline std::string pdf_word_boxes(const std::string& pdf) {
  TempPdf file(pdf);
  return run_command("pdftotext -enc UTF-8 -bbox '" + file.path() + "' -").output;
}

// qpdf --check: exit code 0 when the file's structure and streams are sound.
inline CommandResult qpdf_check(const std::string& pdf) {
  TempPdf file(pdf);
  return run_command("qpdf --check '" + file.path() + "'");
}

inline int pdf_page_count(const std::string& pdf) {
  TempPdf file(pdf);
  const std::string info = run_command("pdfinfo '" + file.path() + "'").output;
  const auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}

// Occurrences of `needle` in `haystack`.
inline std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

}  // namespace portal::documents::testing
