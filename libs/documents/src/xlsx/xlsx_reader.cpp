#include "portal/documents/xlsx_reader.hpp"

#include <algorithm>
#include <charconv>
#include <pugixml.hpp>

#include "xlsx/cell_values.hpp"
#include "xlsx/xml_scanner.hpp"
#include "xlsx/zip_archive.hpp"

namespace portal::documents::xlsx {

struct Workbook::State {
  Limits limits;
  ZipArchive zip;
  std::optional<Error> error;
  std::vector<std::string> sheet_names;
  std::vector<std::string> sheet_paths;
  bool date1904 = false;
  std::vector<bool> date_styles;  // per cellXfs index
  std::vector<std::string> shared_strings;
};

const Cell* Row::at(std::uint32_t column) const {
  const auto it = std::lower_bound(cells.begin(), cells.end(), column,
                                   [](const Cell& c, std::uint32_t col) { return c.column < col; });
  return it != cells.end() && it->column == column ? &*it : nullptr;
}

namespace {

constexpr unsigned kParseFlags = pugi::parse_default | pugi::parse_ws_pcdata_single;

bool named(const pugi::xml_node& node, std::string_view name) { return local_name(node.name()) == name; }

pugi::xml_node child_named(const pugi::xml_node& parent, std::string_view name) {
  for (auto child : parent.children())
    if (named(child, name)) return child;
  return {};
}

// The attribute whose local name is `name` whatever its prefix (r:id, x:id).
std::string_view attribute_named(const pugi::xml_node& node, std::string_view name) {
  for (auto a : node.attributes())
    if (local_name(a.name()) == name) return a.value();
  return {};
}

std::optional<Error> malformed(std::string_view part, const pugi::xml_parse_result& result) {
  return make_error("xml_malformed",
                    "El XML de " + std::string(part) + " está mal formado (posición " +
                        std::to_string(result.offset) + "): " + result.description(),
                    "The XML of " + std::string(part) + " is malformed (offset " +
                        std::to_string(result.offset) + "): " + result.description());
}

// Reads, checks and parses a whole part.
std::optional<Error> load_part(Workbook::State& s, const std::string& part, pugi::xml_document& doc) {
  std::string xml;
  if (auto e = s.zip.read_whole(part, xml)) return e;
  if (auto e = check_xml_part(part, xml, s.limits)) return e;
  const auto result = doc.load_buffer(xml.data(), xml.size(), kParseFlags, pugi::encoding_utf8);
  if (!result) return malformed(part, result);
  return std::nullopt;
}

std::string directory_of(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string{} : std::string(path.substr(0, slash + 1));
}

// A relationship target, relative to the source part's folder or absolute from the package root.
std::string resolve(std::string_view base_dir, std::string_view target) {
  std::string joined =
      target.starts_with('/') ? std::string(target.substr(1)) : std::string(base_dir) + std::string(target);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    const std::string piece = joined.substr(start, end - start);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct Relationships {
  std::vector<std::pair<std::string, std::string>> by_id;  // id → resolved target
  std::string shared_strings, styles, office_document;
};

std::optional<Error> load_relationships(Workbook::State& s, const std::string& source, Relationships& out) {
  const std::string dir = directory_of(source);
  const std::string rels = dir + "_rels/" + source.substr(dir.size()) + ".rels";
  if (!s.zip.contains(rels)) return std::nullopt;
  pugi::xml_document doc;
  if (auto e = load_part(s, rels, doc)) return e;
  for (auto rel : child_named(doc, "Relationships").children()) {
    if (!named(rel, "Relationship")) continue;
    const std::string_view type = rel.attribute("Type").value();
    const std::string target = resolve(dir, rel.attribute("Target").value());
    out.by_id.emplace_back(rel.attribute("Id").value(), target);
    if (type.ends_with("/sharedStrings")) out.shared_strings = target;
    if (type.ends_with("/styles")) out.styles = target;
    if (type.ends_with("/officeDocument")) out.office_document = target;
  }
  return std::nullopt;
}

std::optional<Error> load_styles(Workbook::State& s, const std::string& part) {
  pugi::xml_document doc;
  if (auto e = load_part(s, part, doc)) return e;
  const auto sheet = child_named(doc, "styleSheet");
  std::vector<std::pair<std::uint32_t, std::string>> custom;
  for (auto f : child_named(sheet, "numFmts").children())
    if (named(f, "numFmt"))
      custom.emplace_back(f.attribute("numFmtId").as_uint(), f.attribute("formatCode").value());
  for (auto xf : child_named(sheet, "cellXfs").children()) {
    if (!named(xf, "xf")) continue;
    const std::uint32_t id = xf.attribute("numFmtId").as_uint();
    std::string_view code;
    for (const auto& [cid, ccode] : custom)
      if (cid == id) code = ccode;
    s.date_styles.push_back(is_date_format(id, code));
  }
  return std::nullopt;
}

std::optional<Error> load_shared_strings(Workbook::State& s, const std::string& part) {
  pugi::xml_document doc;
  if (auto e = load_part(s, part, doc)) return e;
  for (auto si : child_named(doc, "sst").children()) {
    if (!named(si, "si")) continue;
    std::string text;
    for (auto piece : si.children()) {
      if (named(piece, "t")) text += piece.child_value();
      if (named(piece, "r"))
        text += child_named(piece, "t").child_value();  // rich text runs; rPh is phonetic
    }
    s.shared_strings.push_back(std::move(text));
  }
  return std::nullopt;
}

std::optional<Error> open_workbook(Workbook::State& s, std::string_view bytes) {
  if (auto e = s.zip.open(bytes, s.limits)) return e;
  Relationships package;
  if (auto e = load_relationships(s, "", package)) return e;
  const std::string workbook = package.office_document.empty() ? "xl/workbook.xml" : package.office_document;
  if (!s.zip.contains(workbook))
    return make_error("not_xlsx",
                      "El archivo es un zip pero no un libro de Excel (.xlsx): no tiene " + workbook,
                      "The file is a zip archive but not an Excel workbook (.xlsx): it has no " + workbook);
  pugi::xml_document doc;
  if (auto e = load_part(s, workbook, doc)) return e;
  const auto root = child_named(doc, "workbook");
  const std::string_view d1904 = child_named(root, "workbookPr").attribute("date1904").value();
  s.date1904 = d1904 == "1" || d1904 == "true";
  Relationships rels;
  if (auto e = load_relationships(s, workbook, rels)) return e;
  for (auto sheet : child_named(root, "sheets").children()) {
    if (!named(sheet, "sheet")) continue;
    const std::string_view id = attribute_named(sheet, "id");
    std::string path;
    for (const auto& [rid, target] : rels.by_id)
      if (rid == id) path = target;
    if (path.empty() || !s.zip.contains(path)) continue;  // chart sheets and dangling entries carry no rows
    s.sheet_names.emplace_back(sheet.attribute("name").value());
    s.sheet_paths.push_back(path);
  }
  if (s.sheet_paths.empty())
    return make_error("not_xlsx", "El libro de Excel no tiene hojas de cálculo",
                      "The Excel workbook has no worksheets");
  const std::string dir = directory_of(workbook);
  const std::string styles = rels.styles.empty() ? dir + "styles.xml" : rels.styles;
  if (s.zip.contains(styles))
    if (auto e = load_styles(s, styles)) return e;
  const std::string strings = rels.shared_strings.empty() ? dir + "sharedStrings.xml" : rels.shared_strings;
  if (s.zip.contains(strings))
    if (auto e = load_shared_strings(s, strings)) return e;
  return std::nullopt;
}

Error bad_cell(std::uint32_t row, std::uint32_t column, std::string_view what_es, std::string_view what_en) {
  const std::string at = column_letters(column) + std::to_string(row);
  return make_error("bad_cell", "La celda " + at + " " + std::string(what_es),
                    "Cell " + at + " " + std::string(what_en));
}

std::optional<Error> parse_row(const Workbook::State& s, std::string_view part, std::string_view fragment,
                               std::uint32_t previous_row, Row& row) {
  pugi::xml_document doc;
  const auto result = doc.load_buffer(fragment.data(), fragment.size(), kParseFlags, pugi::encoding_utf8);
  if (!result) return malformed(part, result);
  const auto node = doc.first_child();
  row.cells.clear();
  row.number = previous_row + 1;
  if (const auto r = node.attribute("r")) {
    std::uint32_t n = 0;
    const std::string_view v = r.value();
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || end != v.data() + v.size() || n == 0 || n > 1048576)
      return make_error("bad_cell", "Una fila tiene un número inválido: " + std::string(v),
                        "A row has an invalid number: " + std::string(v));
    row.number = n;
  }
  std::int64_t previous_column = -1;
  for (auto c : node.children()) {
    if (!named(c, "c")) continue;
    Cell cell;
    if (const auto r = c.attribute("r")) {
      const auto ref = parse_reference(r.value());
      if (!ref || ref->row != row.number)
        return make_error(
            "bad_cell",
            "La fila " + std::to_string(row.number) + " tiene una referencia de celda inválida: " + r.value(),
            "Row " + std::to_string(row.number) + " has an invalid cell reference: " + r.value());
      cell.column = ref->column;
    } else {
      cell.column = static_cast<std::uint32_t>(previous_column + 1);
    }
    if (static_cast<std::int64_t>(cell.column) <= previous_column)
      return bad_cell(row.number, cell.column, "aparece fuera de orden o repetida",
                      "is out of order or repeated");
    previous_column = cell.column;
    const std::string_view type = c.attribute("t").value();
    const std::string_view value = child_named(c, "v").child_value();
    if (type == "inlineStr") {
      for (auto piece : child_named(c, "is").children()) {
        if (named(piece, "t")) cell.text += piece.child_value();
        if (named(piece, "r")) cell.text += child_named(piece, "t").child_value();
      }
      row.cells.push_back(std::move(cell));
      continue;
    }
    if (value.empty() && type != "str") continue;  // a styled empty cell
    cell.text = std::string(value);
    if (type == "s") {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (ec != std::errc{} || end != value.data() + value.size() || index >= s.shared_strings.size())
        return bad_cell(row.number, cell.column, "apunta a un texto compartido que no existe",
                        "points to a shared string that does not exist");
      cell.text = s.shared_strings[index];
    } else if (type == "str") {
      // a formula's text result, kept as text
    } else if (type == "b") {
      if (value != "0" && value != "1")
        return bad_cell(row.number, cell.column, "tiene un valor lógico inválido",
                        "has an invalid boolean value");
      cell.type = CellType::boolean;
      cell.number = value == "1" ? 1 : 0;
    } else if (type == "e") {
      cell.type = CellType::error;
    } else if (type == "d") {
      const auto date = parse_iso_date(value);
      if (!date) return bad_cell(row.number, cell.column, "tiene una fecha inválida", "has an invalid date");
      cell.type = CellType::date;
      cell.date = *date;
    } else if (type.empty() || type == "n") {
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), cell.number);
      if (ec != std::errc{} || end != value.data() + value.size())
        return bad_cell(row.number, cell.column, "tiene un número inválido", "has an invalid number");
      cell.type = CellType::number;
      const std::size_t style = c.attribute("s").as_uint();
      if (style < s.date_styles.size() && s.date_styles[style]) {
        cell.type = CellType::date;
        cell.date = date_from_serial(cell.number, s.date1904);
      }
    } else {
      return bad_cell(row.number, cell.column, "tiene un tipo desconocido: " + std::string(type),
                      "has an unknown type: " + std::string(type));
    }
    row.cells.push_back(std::move(cell));
  }
  return std::nullopt;
}

}  // namespace

Workbook::Workbook(std::unique_ptr<State> state) : state_(std::move(state)) {}
Workbook::~Workbook() = default;

std::unique_ptr<Workbook> Workbook::open(std::string_view bytes, const Limits& limits) {
  auto state = std::make_unique<State>();
  state->limits = limits;
  state->error = open_workbook(*state, bytes);
  return std::unique_ptr<Workbook>(new Workbook(std::move(state)));
}

const std::optional<Error>& Workbook::error() const { return state_->error; }
const std::vector<std::string>& Workbook::sheet_names() const { return state_->sheet_names; }
bool Workbook::date1904() const { return state_->date1904; }

std::optional<Error> Workbook::read_rows(std::string_view sheet, const RowHandler& on_row) {
  if (state_->error) return state_->error;
  std::size_t index = 0;
  if (!sheet.empty()) {
    const auto& names = state_->sheet_names;
    const auto it = std::find(names.begin(), names.end(), sheet);
    if (it == names.end())
      return make_error("sheet_not_found", "El libro no tiene una hoja llamada «" + std::string(sheet) + "»",
                        "The workbook has no sheet named \"" + std::string(sheet) + "\"");
    index = static_cast<std::size_t>(it - names.begin());
  }
  const std::string& part = state_->sheet_paths[index];
  std::optional<Error> row_error;
  std::uint32_t previous = 0;
  Row row;
  XmlScanner scanner{part, state_->limits, [&](std::string_view fragment) {
                       row_error = parse_row(*state_, part, fragment, previous, row);
                       if (row_error) return false;
                       if (row.number <= previous && previous != 0) {
                         row_error = make_error(
                             "bad_cell", "La fila " + std::to_string(row.number) + " está fuera de orden",
                             "Row " + std::to_string(row.number) + " is out of order");
                         return false;
                       }
                       previous = row.number;
                       return row.cells.empty() || on_row(row);
                     }};
  auto read_error =
      state_->zip.read_chunks(part, [&](std::string_view chunk) { return scanner.feed(chunk); });
  if (row_error) return row_error;
  if (scanner.error()) return scanner.error();
  if (read_error) return read_error;
  scanner.finish();
  return scanner.error();
}

}  // namespace portal::documents::xlsx
