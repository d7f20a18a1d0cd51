#include "sheet_files.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "csv.hpp"
#include "portal/core/clock.hpp"

namespace portal::finance {

std::string to_csv(const Table& table, char separator) {
  std::string out(csv::kUtf8Bom);
  auto row = [&](auto&& fields) {
    bool first = true;
    for (const auto& f : fields) {
      if (!first) out += separator;
      first = false;
      csv::append_field(out, f, separator);
    }
    out += "\r\n";
  };
  row(table.headers);
  std::vector<std::string> fields;
  for (const auto& r : table.rows) {
    fields.clear();
    for (const auto& c : r) {
      switch (c.kind) {
        case Cell::Kind::text:
          fields.push_back(c.text);
          break;
        case Cell::Kind::money:
          fields.push_back(std::to_string(c.money));
          break;
        case Cell::Kind::date:
          fields.push_back(display_date(c.text));
          break;
      }
    }
    row(fields);
  }
  return out;
}

namespace {

// A file name of our own in tmp_dir, removed whatever happens.
class TempFile {
 public:
  explicit TempFile(const std::string& dir) {
    std::string pattern = (std::filesystem::path(dir) / "payments-XXXXXX.xlsx").string();
    const int fd = mkstemps(pattern.data(), 5);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + dir);
    ::close(fd);
    path_ = pattern;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string(what) + ": " + lxw_strerror(error));
}

}  // namespace

XlsxTableWriter::XlsxTableWriter(const std::string& path, const std::string& sheet_name,
                                 const std::vector<std::string>& headers, const std::string& tmp_dir)
    : tmp_dir_(tmp_dir) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to disk as written: 50,000 rows stay small in memory
  options.tmpdir = tmp_dir_.data();
  workbook_ = workbook_new_opt(path.c_str(), &options);
  if (!workbook_) throw std::runtime_error("libxlsxwriter could not create the workbook");
  sheet_ = workbook_add_worksheet(workbook_, sheet_name.c_str());
  lxw_format* header = workbook_add_format(workbook_);
  format_set_bold(header);
  date_ = workbook_add_format(workbook_);
  format_set_num_format(date_, "dd/mm/yyyy");
  money_ = workbook_add_format(workbook_);
  format_set_num_format(money_, "#,##0");
  if (!sheet_ || !header || !date_ || !money_) {
    workbook_close(workbook_);
    workbook_ = nullptr;
    throw std::runtime_error("libxlsxwriter could not create the sheet");
  }
  for (std::size_t c = 0; c < headers.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet_, col, col, std::max<double>(12, static_cast<double>(headers[c].size()) + 2),
                         nullptr);
    worksheet_write_string(sheet_, 0, col, headers[c].c_str(), header);
  }
  worksheet_freeze_panes(sheet_, 1, 0);
}

XlsxTableWriter::~XlsxTableWriter() {
  if (workbook_) workbook_close(workbook_);
}

void XlsxTableWriter::add_row(const Row& row) {
  for (std::size_t c = 0; c < row.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const auto& cell = row[c];
    switch (cell.kind) {
      case Cell::Kind::text:
        if (!cell.text.empty()) worksheet_write_string(sheet_, next_row_, col, cell.text.c_str(), nullptr);
        break;
      case Cell::Kind::money:
        worksheet_write_number(sheet_, next_row_, col, static_cast<double>(cell.money), money_);
        break;
      case Cell::Kind::date:
        if (const auto d = core::parse_date(cell.text)) {
          lxw_datetime dt{static_cast<int>(d->year()),
                          static_cast<int>(static_cast<unsigned>(d->month())),
                          static_cast<int>(static_cast<unsigned>(d->day())),
                          0,
                          0,
                          0.0};
          worksheet_write_datetime(sheet_, next_row_, col, &dt, date_);
        }
        break;
    }
  }
  ++next_row_;
}

void XlsxTableWriter::close() {
  lxw_workbook* workbook = workbook_;
  workbook_ = nullptr;
  check(workbook_close(workbook), "libxlsxwriter could not write the workbook");
}

std::string to_xlsx(const Table& table, const std::string& sheet_name, const std::string& tmp_dir) {
  TempFile file(tmp_dir);
  XlsxTableWriter writer(file.path(), sheet_name, table.headers, tmp_dir);
  for (const auto& row : table.rows) writer.add_row(row);
  writer.close();
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace portal::finance
