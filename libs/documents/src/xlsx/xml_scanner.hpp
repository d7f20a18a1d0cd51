#pragma once
// A tag scanner for the XML parts of an .xlsx, fed in chunks. It does not parse XML (pugixml does that);
// it refuses what the reader never accepts before any parser sees it (a DTD or any other <! declaration
// but comments and CDATA, elements nested deeper than the limit, a tag or row larger than the limit, a
// part that ends inside an element) and, on a worksheet, cuts out each <row> element of <sheetData> so
// that rows are parsed one at a time and the sheet never sits in memory whole.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "portal/documents/xlsx_reader.hpp"

namespace portal::documents::xlsx {

class XmlScanner {
 public:
  using RowFragment = std::function<bool(std::string_view)>;  // one whole <row> element; false stops

  XmlScanner(std::string part, const Limits& limits, RowFragment on_row = {});

  // Scans what has arrived; false once it failed or the caller's handler stopped it.
  bool feed(std::string_view chunk);
  // The end of the part: it must not end inside an element or a tag.
  void finish();

  const std::optional<Error>& error() const { return error_; }
  bool stopped() const { return stopped_; }

 private:
  enum class Step { advanced, need_more, failed };
  Step step();
  Step tag(std::size_t start);
  void fail(std::string code, std::string es, std::string en);
  void fail_row_too_large();

  std::string part_;
  Limits limits_;
  RowFragment on_row_;
  std::string buffer_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  bool in_sheet_data_ = false;
  bool sheet_data_done_ = false;
  std::optional<std::size_t> row_start_;
  bool stopped_ = false;
  std::optional<Error> error_;
};

// The whole part checked at once (workbook, relationships, styles, shared strings).
std::optional<Error> check_xml_part(std::string_view part, std::string_view xml, const Limits& limits);

// The local name of a qualified XML name: "x:row" → "row".
std::string_view local_name(std::string_view qualified);

}  // namespace portal::documents::xlsx
