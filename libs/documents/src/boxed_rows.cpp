// Sections, boxed rows, tables and paragraphs: everything that stacks down the page. A row is a set of
// cells whose content is a list of lines; a row taller than the space left is drawn in chunks, one
// per page, so long text never runs off the paper and nothing is lost.
#include <algorithm>
#include <functional>

#include "builder_impl.hpp"
#include "portal/documents/win_ansi.hpp"

namespace portal::documents {

namespace {

struct PlacedOption {
  double dx = 0;
  std::vector<std::u32string> label_lines;
  bool checked = false;
};

// One line of a cell: text, or a line of check boxes.
struct CellLine {
  double height = 0;
  std::u32string text;
  std::vector<PlacedOption> options;
};

struct BoxCell {
  double x = 0;
  double width = 0;
  std::u32string label;
  std::vector<CellLine> lines;
  Weight weight = Weight::regular;
  double size = kValueSize;
  double shade = -1;  // fill grey level; negative = no fill
};

// Baseline of a line of `size` text vertically centred in a band of `lead` starting at `band_top`.
double baseline_in(double band_top, double lead, double size) {
  return band_top - lead + (lead - size) / 2 + 0.22 * size;
}

std::vector<CellLine> text_lines(const DocumentBuilder::Impl& impl, const std::string& value, double width,
                                 Weight weight, double size, double lead) {
  std::vector<CellLine> lines;
  for (auto& l : impl.wrap(to_win_ansi(value), width, weight, size))
    lines.push_back({lead, std::move(l), {}});
  return lines;
}

// Check boxes flow left to right and wrap; an option too long for a line gets a line of its own
// with its label wrapped.
std::vector<CellLine> option_lines(const DocumentBuilder::Impl& impl, const std::vector<Option>& options,
                                   double width) {
  std::vector<CellLine> lines;
  CellLine current;
  double x = 0;
  auto push = [&] {
    if (current.options.empty()) return;
    lines.push_back(std::move(current));
    current = CellLine{};
    x = 0;
  };
  const double label_room = std::max(width - kCheckBox - kCheckGap, 1.0);
  for (const Option& option : options) {
    const std::u32string label = to_win_ansi(option.label);
    const double item_width = kCheckBox + kCheckGap + impl.text_width(label, Weight::regular, kValueSize);
    if (item_width > width) {
      push();
      auto wrapped = impl.wrap(label, label_room, Weight::regular, kValueSize);
      current.height = kValueLead * static_cast<double>(wrapped.size());
      current.options.push_back({0, std::move(wrapped), option.checked});
      push();
      continue;
    }
    if (x > 0 && x + item_width > width) push();
    current.height = std::max(current.height, kValueLead);
    current.options.push_back({x, {label}, option.checked});
    x += item_width + kOptionGap;
  }
  push();
  return lines;
}

void draw_line(DocumentBuilder::Impl& impl, const BoxCell& cell, const CellLine& line, double band_top) {
  const double x = cell.x + kCellPadding;
  if (line.options.empty()) {
    impl.text(x, baseline_in(band_top, line.height, cell.size), line.text, cell.weight, cell.size);
    return;
  }
  for (const PlacedOption& option : line.options) {
    double top = band_top;
    const double first_baseline = baseline_in(top, kValueLead, kValueSize);
    impl.check_box(x + option.dx, first_baseline, option.checked);
    for (const auto& label : option.label_lines) {
      impl.text(x + option.dx + kCheckBox + kCheckGap, baseline_in(top, kValueLead, kValueSize), label,
                Weight::regular, kValueSize);
      top -= kValueLead;
    }
  }
}

// Draws cells side by side from the cursor down, splitting across pages when needed. `after_break`
// runs at the top of every page the row continues on (a table repeats its header there).
void draw_cells(DocumentBuilder::Impl& impl, const std::vector<BoxCell>& cells,
                const std::function<void()>& after_break) {
  const bool labelled =
      std::any_of(cells.begin(), cells.end(), [](const BoxCell& c) { return !c.label.empty(); });
  const double chrome = 2 * kCellPadding + (labelled ? kLabelLead : 0);
  auto content_height = [](const BoxCell& c, std::size_t from) {
    double h = 0;
    for (std::size_t i = from; i < c.lines.size(); ++i) h += c.lines[i].height;
    return h;
  };
  double whole = 0;
  for (const auto& c : cells) whole = std::max(whole, content_height(c, 0));
  // After a page break at least one line of each cell is drawn whatever room is left, so a table
  // header taller than a page cannot make the row wait for space forever.
  bool just_broke = false;
  auto break_page = [&] {
    impl.new_page();
    if (after_break) after_break();
    just_broke = true;
  };
  // Keep a row whole when it fits on a fresh page: move it rather than split it.
  if (chrome + whole > impl.space_left() && chrome + whole <= impl.fresh_page_space() &&
      impl.y < impl.top - impl.header_height)
    break_page();

  std::vector<std::size_t> next(cells.size(), 0);
  bool first = true;
  while (true) {
    const bool remaining =
        std::any_of(cells.begin(), cells.end(),
                    [&, i = std::size_t{0}](const BoxCell& c) mutable { return next[i++] < c.lines.size(); });
    if (!first && !remaining) break;
    const bool fresh = just_broke || impl.y >= impl.top - impl.header_height - 0.01;
    const double room = impl.space_left() - chrome;
    // Lines each cell can take here.
    std::vector<std::size_t> take(cells.size(), 0);
    double chunk = 0;
    bool progress = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      double h = 0;
      std::size_t j = next[i];
      while (j < cells[i].lines.size() && (h + cells[i].lines[j].height <= room || (fresh && j == next[i]))) {
        h += cells[i].lines[j].height;
        ++j;
      }
      take[i] = j - next[i];
      progress = progress || take[i] > 0;
      chunk = std::max(chunk, h);
    }
    if (remaining && !progress) {
      break_page();
      continue;
    }
    if (!remaining && room < 0 && !fresh) {  // an empty row that does not fit
      break_page();
      continue;
    }
    const double height = chrome + chunk;
    const double band_bottom = impl.y - height;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const BoxCell& cell = cells[i];
      if (cell.shade >= 0) impl.fill_rect(cell.x, band_bottom, cell.width, height, cell.shade);
      impl.stroke_rect(cell.x, band_bottom, cell.width, height);
      double band_top = impl.y - kCellPadding;
      if (labelled) {
        std::u32string label = cell.label;
        // On the next page the label says the text goes on, when there is room for it.
        static const std::u32string kContinued = U" (continuación)";
        if (!first && !label.empty() &&
            impl.text_width(label + kContinued, Weight::bold, kLabelSize) <= cell.width - 2 * kCellPadding)
          label += kContinued;
        impl.text(cell.x + kCellPadding, baseline_in(band_top, kLabelLead, kLabelSize), label, Weight::bold,
                  kLabelSize, 0.3);
        band_top -= kLabelLead;
      }
      for (std::size_t j = next[i]; j < next[i] + take[i]; ++j) {
        draw_line(impl, cell, cell.lines[j], band_top);
        band_top -= cell.lines[j].height;
      }
      next[i] += take[i];
    }
    impl.y = band_bottom;
    first = false;
    just_broke = false;
  }
}

// Column x positions and widths from fractions, scaled to the content width.
template <typename T>
std::vector<std::pair<double, double>> spans(const DocumentBuilder::Impl& impl, const std::vector<T>& parts) {
  double sum = 0;
  for (const auto& p : parts) sum += std::max(p.fraction, 0.0);
  std::vector<std::pair<double, double>> out;
  double x = impl.left;
  for (const auto& p : parts) {
    const double share = sum > 0 ? std::max(p.fraction, 0.0) / sum : 1.0 / static_cast<double>(parts.size());
    const double w = impl.content_width() * share;
    out.emplace_back(x, w);
    x += w;
  }
  return out;
}

}  // namespace

void layout_section(DocumentBuilder::Impl& impl, const std::string& title) {
  // A heading needs at least one labelled line of what it introduces below it.
  const double keep_with_next = 2 * kCellPadding + kLabelLead + kValueLead;
  if (impl.space_left() < kSectionHeight + keep_with_next) impl.new_page();
  const double bottom = impl.y - kSectionHeight;
  impl.fill_rect(impl.left, bottom, impl.content_width(), kSectionHeight, 0.3);
  impl.text(impl.left + kCellPadding + 1, baseline_in(impl.y, kSectionHeight, kSectionSize),
            to_win_ansi(title), Weight::bold, kSectionSize, 1.0);
  impl.y = bottom;
}

void layout_row(DocumentBuilder::Impl& impl, const std::vector<Field>& fields) {
  if (fields.empty()) return;
  const auto xs = spans(impl, fields);
  std::vector<BoxCell> cells;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const Field& f = fields[i];
    BoxCell cell;
    cell.x = xs[i].first;
    cell.width = xs[i].second;
    const double inner = std::max(cell.width - 2 * kCellPadding, 1.0);
    cell.label = impl.wrap(to_win_ansi(f.label), inner, Weight::bold, kLabelSize).front();
    cell.lines = f.options.empty() ? text_lines(impl, f.value, inner, Weight::regular, kValueSize, kValueLead)
                                   : option_lines(impl, f.options, inner);
    cells.push_back(std::move(cell));
  }
  draw_cells(impl, cells, {});
}

void layout_table(DocumentBuilder::Impl& impl, const std::vector<Column>& columns,
                  const std::vector<std::vector<std::string>>& rows) {
  if (columns.empty()) return;
  const auto xs = spans(impl, columns);
  std::vector<BoxCell> header;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    BoxCell cell{xs[i].first, xs[i].second, {}, {}, Weight::bold, kTableSize, 0.88};
    cell.lines = text_lines(impl, columns[i].title, std::max(cell.width - 2 * kCellPadding, 1.0),
                            Weight::bold, kTableSize, kTableLead);
    header.push_back(std::move(cell));
  }
  double header_height = 0;
  for (const auto& c : header)
    header_height = std::max(header_height, kTableLead * static_cast<double>(c.lines.size()));
  header_height += 2 * kCellPadding;
  const std::function<void()> repeat_header = [&] { draw_cells(impl, header, {}); };
  // The header never sits alone at the bottom of a page: it needs one line of a row under it.
  if (impl.space_left() < header_height + 2 * kCellPadding + kTableLead) impl.new_page();
  repeat_header();
  for (const auto& row : rows) {
    std::vector<BoxCell> cells;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      BoxCell cell{xs[i].first, xs[i].second, {}, {}, Weight::regular, kTableSize, -1};
      const std::string empty;
      cell.lines =
          text_lines(impl, i < row.size() ? row[i] : empty, std::max(cell.width - 2 * kCellPadding, 1.0),
                     Weight::regular, kTableSize, kTableLead);
      cells.push_back(std::move(cell));
    }
    draw_cells(impl, cells, repeat_header);
  }
}

void layout_paragraph(DocumentBuilder::Impl& impl, const std::string& text, double font_size) {
  const double lead = font_size * 1.25;
  for (const auto& line : impl.wrap(to_win_ansi(text), impl.content_width(), Weight::regular, font_size)) {
    if (impl.space_left() < lead) impl.new_page();
    impl.text(impl.left, baseline_in(impl.y, lead, font_size), line, Weight::regular, font_size);
    impl.y -= lead;
  }
}

}  // namespace portal::documents
