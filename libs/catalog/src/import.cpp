#include "portal/catalog/import.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "csv.hpp"
#include "portal/catalog/diagnosis.hpp"
#include "schema.hpp"

namespace portal::catalog {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int column_of(const std::map<std::string, int>& header, const std::vector<std::string>& aliases) {
  for (const auto& a : aliases) {
    if (auto it = header.find(schema::fold_header(a)); it != header.end()) return it->second;
  }
  return -1;
}

std::optional<bool> parse_bool(std::string_view v) {
  const auto s = lower(std::string(v));
  if (s == "true" || s == "1" || s == "si" || s == "sí" || s == "s" || s == "yes" || s == "y" || s == "x") return true;
  if (s == "false" || s == "0" || s == "no" || s == "n") return false;
  return std::nullopt;
}

std::optional<std::int64_t> parse_int(std::string_view v) {
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size()) return std::nullopt;
  return n;
}

bool snake_case(std::string_view s) {
  return !s.empty() && s[0] >= 'a' && s[0] <= 'z' &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// SISPRO's CIE-10 reference table carries AplicaASexo (M, F, or A/Z for both) and EdadMinima /
// EdadMaxima in years; 0 and >= 120 mean "no limit".
struct DerivedLimits {
  int sex = -1, min = -1, max = -1;
  std::string rows;
  void add(const std::string& code, const csv::Record& r) {
    auto get = [&](int idx) { return idx >= 0 && idx < static_cast<int>(r.fields.size()) ? trim(r.fields[idx]) : std::string(); };
    std::string s = get(sex);
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (s == "H") s = "M";  // hombre
    if (s != "M" && s != "F") s = "-";
    // Plain values rather than optionals: GCC 12 -O2 reports a false maybe-uninitialized on them.
    const std::int64_t mn = parse_int(get(min)).value_or(0);
    const std::int64_t mx = parse_int(get(max)).value_or(120);
    const std::string min_text = mn > 0 ? std::to_string(mn) : "";
    const std::string max_text = mx < 120 ? std::to_string(mx) : "";
    if (s == "-" && min_text.empty() && max_text.empty()) return;
    rows += code + ",SISPRO CIE-10 reference table (imported)," + code + "," + s + "," + min_text + "," + max_text + "\n";
  }
};

}  // namespace

std::vector<std::string> importable_names() {
  std::vector<std::string> out;
  for (const auto& s : schema::all()) out.push_back(s.name);
  return out;
}

std::string file_name(std::string_view name) { return std::string(name) + ".csv"; }

ImportResult import_text(std::string_view name, std::string_view raw_text) {
  ImportResult result;
  result.report.name = std::string(name);
  const schema::Spec* spec = schema::find(name);
  if (!spec) {
    result.report.error = "unknown catalog '" + std::string(name) + "'";
    return result;
  }
  const std::string text = csv::to_utf8(raw_text);
  const auto records = csv::parse(text);
  if (records.empty()) {
    result.report.error = "the file is empty";
    return result;
  }
  const auto& head = records.front();
  std::map<std::string, int> header;
  for (std::size_t i = 0; i < head.fields.size(); ++i) header.emplace(schema::fold_header(head.fields[i]), static_cast<int>(i));

  const int code_idx = column_of(header, spec->code_aliases);
  const int desc_idx = column_of(header, spec->description_aliases);
  if (code_idx < 0 || desc_idx < 0) {
    const auto& missing = code_idx < 0 ? spec->code_aliases : spec->description_aliases;
    std::string names;
    for (const auto& a : missing) names += (names.empty() ? "" : ", ") + a;
    result.report.error = "missing column " + missing.front() + " (accepted names: " + names + ")";
    return result;
  }
  std::vector<int> col_idx;
  for (const auto& c : spec->columns) {
    col_idx.push_back(column_of(header, c.aliases));
    if (col_idx.back() < 0 && c.required) {
      result.report.error = "missing column " + c.name;
      return result;
    }
  }
  DerivedLimits derived;
  if (spec->name == "cie10") {
    derived.sex = column_of(header, {"aplicaasexo", "sexo", "sex"});
    derived.min = column_of(header, {"edadminima", "min_age", "min_age_years"});
    derived.max = column_of(header, {"edadmaxima", "max_age", "max_age_years"});
  }

  std::ostringstream canonical;
  canonical << spec->code_aliases.front() << ',' << spec->description_aliases.front();
  for (const auto& c : spec->columns) canonical << ',' << c.name;
  canonical << '\n';

  std::map<std::string, std::size_t> first_line;     // key -> line
  std::map<std::string, std::size_t> action_index;   // call_actions: action code -> item index
  auto reject = [&](std::size_t line, std::string reason) { result.report.rejected.push_back({line, std::move(reason)}); };

  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (!rec.error.empty()) {
      reject(rec.line, rec.error);
      continue;
    }
    if (rec.fields.size() != head.fields.size()) {
      reject(rec.line, "expected " + std::to_string(head.fields.size()) + " fields, found " + std::to_string(rec.fields.size()));
      continue;
    }
    const std::string code = spec->normalize(rec.fields[code_idx]);
    if (!spec->valid_code(code)) {
      reject(rec.line, "invalid code '" + trim(rec.fields[code_idx]) + "': expected " + spec->code_rule);
      continue;
    }
    const std::string description = trim(rec.fields[desc_idx]);
    if (description.empty()) {
      reject(rec.line, "empty description for code " + code);
      continue;
    }
    Item item{code, description, {}};
    std::vector<std::string> values;
    std::string problem;
    for (std::size_t k = 0; k < spec->columns.size() && problem.empty(); ++k) {
      const auto& c = spec->columns[k];
      std::string v = col_idx[k] >= 0 ? trim(rec.fields[col_idx[k]]) : std::string();
      if (v.empty() && c.fallback) v = c.fallback(code);
      if (v.empty()) {
        if (c.required) problem = "empty " + c.name;
        values.emplace_back();
        continue;
      }
      if (spec->name == "cie10_limits" && c.name == "to") {
        v = spec->normalize(v);
        const auto n = std::min(v.size(), code.size());
        if (v.substr(0, n) < code.substr(0, n)) problem = "to " + v + " is before from " + code;
      }
      if (spec->name == "cie10_limits" && c.name == "sex") {
        for (auto& ch : v) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      }
      switch (c.type) {
        case schema::Type::integer: {
          auto n = parse_int(v);
          if (!n) problem = c.name + " must be a whole number, found '" + v + "'";
          else item.fields.push_back({c.name, *n});
          break;
        }
        case schema::Type::boolean: {
          auto b = parse_bool(v);
          if (!b) problem = c.name + " must be true or false, found '" + v + "'";
          else {
            item.fields.push_back({c.name, *b});
            v = *b ? "true" : "false";
          }
          break;
        }
        case schema::Type::text:
          if (c.check) problem = c.check(v).empty() ? "" : c.name + " " + c.check(v);
          if (problem.empty()) item.fields.push_back({c.name, v});
          break;
      }
      values.push_back(v);
    }
    if (!problem.empty()) {
      reject(rec.line, problem + " (code " + code + ")");
      continue;
    }

    if (spec->grouped_actions) {
      const std::string proc = values[0];
      if (!snake_case(code)) {
        reject(rec.line, "invalid action code '" + code + "': expected lower-case snake_case");
        continue;
      }
      if (!proc.empty() && !snake_case(proc)) {
        reject(rec.line, "invalid procedure code '" + proc + "': expected lower-case snake_case");
        continue;
      }
      if (!proc.empty() && values[1].empty()) {
        reject(rec.line, "empty procedure_description for procedure " + proc);
        continue;
      }
      const std::string key = code + '\x1f' + proc;
      if (auto it = first_line.find(key); it != first_line.end()) {
        reject(rec.line, "duplicate action/procedure " + code + "/" + proc + " (first on line " + std::to_string(it->second) + ")");
        continue;
      }
      first_line.emplace(key, rec.line);
      auto [it, fresh] = action_index.emplace(code, result.items.size());
      if (fresh) result.items.push_back(Item{code, description, {{"procedures", std::vector<Entry>{}}}});
      if (!proc.empty()) {
        std::get<std::vector<Entry>>(result.items[it->second].fields[0].value).push_back({proc, values[1]});
      }
    } else {
      std::string key = code;
      if (spec->key_includes_first_column && !values.empty()) key += '\x1f' + values[0];
      if (auto it = first_line.find(key); it != first_line.end()) {
        reject(rec.line, "duplicate code " + code + (spec->key_includes_first_column ? " " + values[0] : "") +
                             " (first on line " + std::to_string(it->second) + ")");
        continue;
      }
      first_line.emplace(key, rec.line);
      result.items.push_back(std::move(item));
      if (spec->name == "cie10" && (derived.sex >= 0 || derived.min >= 0 || derived.max >= 0)) derived.add(code, rec);
    }
    canonical << csv::escape(code) << ',' << csv::escape(description);
    for (const auto& v : values) canonical << ',' << csv::escape(v);
    canonical << '\n';
    ++result.report.loaded;
  }
  if (spec->grouped_actions) {
    // Tabla 4.1: an action without procedures ("Otros") is recorded with free text instead.
    for (auto& item : result.items) {
      const bool none = std::get<std::vector<Entry>>(item.fields[0].value).empty();
      item.fields.push_back({"requires_text", none});
    }
  }
  result.canonical_csv = canonical.str();
  if (!derived.rows.empty()) result.derived_limits_csv = "from,source,to,sex,min_age_years,max_age_years\n" + derived.rows;
  return result;
}

ImportResult import_csv_file(std::string_view name, const std::filesystem::path& path) {
  ImportResult r;
  r.report.name = std::string(name);
  if (!schema::find(name)) {
    r.report.error = "unknown catalog '" + std::string(name) + "'";
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    r.report.error = "cannot read " + path.string();
    return r;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return import_text(name, ss.str());
}

namespace {

std::string write_atomically(const std::filesystem::path& target, const std::string& content) {
  const auto tmp = target.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot write " + tmp;
    out << content;
    if (!out.flush()) return "cannot write " + tmp;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  return ec ? "cannot rename " + tmp + ": " + ec.message() : "";
}

}  // namespace

ImportReport import_csv(std::string_view name, const std::filesystem::path& path,
                        const std::optional<std::filesystem::path>& out_dir) {
  auto result = import_csv_file(name, path);
  if (!result.report.ok() || !out_dir) return result.report;
  std::error_code ec;
  std::filesystem::create_directories(*out_dir, ec);
  if (ec) {
    result.report.error = "cannot create " + out_dir->string() + ": " + ec.message();
    return result.report;
  }
  if (auto err = write_atomically(*out_dir / file_name(name), result.canonical_csv); !err.empty()) {
    result.report.error = err;
    return result.report;
  }
  if (!result.derived_limits_csv.empty()) {
    if (auto err = write_atomically(*out_dir / file_name("cie10_limits"), result.derived_limits_csv); !err.empty()) {
      result.report.error = err;
    }
  }
  return result.report;
}

}  // namespace portal::catalog
