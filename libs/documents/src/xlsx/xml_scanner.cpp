#include "xlsx/xml_scanner.hpp"

#include "xlsx/zip_archive.hpp"

namespace portal::documents::xlsx {

std::string_view local_name(std::string_view qualified) {
  const auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

XmlScanner::XmlScanner(std::string part, const Limits& limits, RowFragment on_row)
    : part_(std::move(part)), limits_(limits), on_row_(std::move(on_row)) {}

void XmlScanner::fail(std::string code, std::string es, std::string en) {
  if (!error_)
    error_ =
        make_error(std::move(code), std::move(es) + " (" + part_ + ")", std::move(en) + " (" + part_ + ")");
}

bool XmlScanner::feed(std::string_view chunk) {
  if (error_ || stopped_) return false;
  buffer_.append(chunk);
  for (;;) {
    const Step s = step();
    if (s == Step::failed) return false;
    if (stopped_) return false;
    if (s == Step::need_more) break;
  }
  // Keep only what is still needed: the open row, or the tag being read.
  const std::size_t keep = row_start_ ? *row_start_ : pos_;
  if (keep > 0) {
    buffer_.erase(0, keep);
    pos_ -= keep;
    if (row_start_) row_start_ = 0;
  }
  if (buffer_.size() > limits_.max_row_xml_bytes) {
    fail_row_too_large();
    return false;
  }
  return true;
}

void XmlScanner::fail_row_too_large() {
  const std::string size = std::to_string(limits_.max_row_xml_bytes) + " bytes";
  fail("row_too_large", "Una fila o etiqueta XML supera " + size, "A row or XML tag is larger than " + size);
}

void XmlScanner::finish() {
  if (error_ || stopped_ || sheet_data_done_) return;
  if (depth_ != 0 || pos_ < buffer_.size())
    fail("xml_malformed", "El XML termina antes de cerrar sus elementos: el archivo está truncado o dañado",
         "The XML ends before its elements are closed: the file is truncated or damaged");
}

XmlScanner::Step XmlScanner::step() {
  if (pos_ >= buffer_.size()) return Step::need_more;
  if (buffer_[pos_] != '<') {
    const auto next = buffer_.find('<', pos_);
    pos_ = next == std::string::npos ? buffer_.size() : next;
    return Step::advanced;
  }
  return tag(pos_);
}

XmlScanner::Step XmlScanner::tag(std::size_t start) {
  const std::string_view rest = std::string_view(buffer_).substr(start);
  if (rest.size() < 2) return Step::need_more;
  auto skip_to = [&](std::string_view terminator, std::size_t from) {
    const auto end = buffer_.find(terminator, start + from);
    if (end == std::string::npos) return Step::need_more;
    pos_ = end + terminator.size();
    return Step::advanced;
  };
  if (rest[1] == '?') return skip_to("?>", 2);
  if (rest[1] == '!') {
    constexpr std::string_view comment = "<!--", cdata = "<![CDATA[";
    const auto could_be = [&](std::string_view what) {
      return rest.size() < what.size() ? what.starts_with(rest) : rest.starts_with(what);
    };
    if (rest.starts_with(comment)) return skip_to("-->", comment.size());
    if (rest.starts_with(cdata)) return skip_to("]]>", cdata.size());
    if (could_be(comment) || could_be(cdata)) return Step::need_more;
    // <!DOCTYPE, <!ENTITY, ...: a spreadsheet part never declares anything, and without a DTD no entity
    // can be declared, so nothing like billion laughs can even start.
    fail("xml_dtd", "El XML declara un DTD o entidades, que no se aceptan",
         "The XML declares a DTD or entities, which are not accepted");
    return Step::failed;
  }
  // An element's start or end tag: up to '>' outside quoted attribute values.
  char quote = 0;
  std::size_t i = 1;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      break;
    } else if (c == '<') {
      fail("xml_malformed", "El XML tiene una etiqueta mal formada", "The XML has a malformed tag");
      return Step::failed;
    }
  }
  if (i >= rest.size()) return Step::need_more;
  const std::size_t end = start + i + 1;
  const bool closing = rest[1] == '/';
  const bool self_closing = !closing && rest[i - 1] == '/';
  std::size_t name_end = closing ? 2 : 1;
  while (name_end < i && rest[name_end] != ' ' && rest[name_end] != '\t' && rest[name_end] != '\r' &&
         rest[name_end] != '\n' && rest[name_end] != '/' && rest[name_end] != '>')
    ++name_end;
  const std::string_view name = local_name(rest.substr(closing ? 2 : 1, name_end - (closing ? 2 : 1)));
  pos_ = end;
  if (closing) {
    if (--depth_ < 0) {
      fail("xml_malformed", "El XML cierra un elemento que no abrió",
           "The XML closes an element it never opened");
      return Step::failed;
    }
    if (row_start_ && depth_ == 2) {
      const std::string_view fragment = std::string_view(buffer_).substr(*row_start_, end - *row_start_);
      row_start_.reset();
      if (fragment.size() > limits_.max_row_xml_bytes) {
        fail_row_too_large();
        return Step::failed;
      }
      if (!on_row_(fragment)) stopped_ = true;
    } else if (in_sheet_data_ && depth_ == 1) {
      // </sheetData>: every row has been read; what follows (merged cells, page setup) is not needed.
      in_sheet_data_ = false;
      sheet_data_done_ = true;
      stopped_ = true;
    }
    return Step::advanced;
  }
  if (self_closing) {
    if (on_row_ && in_sheet_data_ && depth_ == 2 && name == "row" && !on_row_(rest.substr(0, i + 1)))
      stopped_ = true;
    return Step::advanced;
  }
  if (on_row_ && depth_ == 1 && name == "sheetData") in_sheet_data_ = true;
  if (on_row_ && in_sheet_data_ && depth_ == 2 && name == "row") row_start_ = start;
  if (++depth_ > limits_.max_xml_depth) {
    fail("xml_too_deep",
         "El XML anida elementos a más de " + std::to_string(limits_.max_xml_depth) + " niveles",
         "The XML nests elements deeper than " + std::to_string(limits_.max_xml_depth) + " levels");
    return Step::failed;
  }
  return Step::advanced;
}

std::optional<Error> check_xml_part(std::string_view part, std::string_view xml, const Limits& limits) {
  Limits whole = limits;
  whole.max_row_xml_bytes = static_cast<std::size_t>(limits.max_part_bytes);
  XmlScanner scanner{std::string(part), whole};
  scanner.feed(xml);
  scanner.finish();
  return scanner.error();
}

}  // namespace portal::documents::xlsx
