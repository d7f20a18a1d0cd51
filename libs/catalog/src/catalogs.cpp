#include "portal/catalog/catalogs.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "embedded.hpp"
#include "portal/catalog/import.hpp"
#include "schema.hpp"

namespace portal::catalog {

namespace {

std::string fnv1a_hex(std::string_view data) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("catalog: cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<SexAgeRule> to_rules(const std::vector<Item>& items) {
  std::vector<SexAgeRule> rules;
  for (const auto& it : items) {
    SexAgeRule r;
    r.from = it.code;
    r.to = std::string(it.text("to"));
    const auto sex = it.text("sex");
    if (sex == "F") r.sex = Sex::female;
    if (sex == "M") r.sex = Sex::male;
    if (it.field("min_age_years")) r.min_years = static_cast<int>(it.number("min_age_years", 0));
    if (it.field("max_age_years")) r.max_years = static_cast<int>(it.number("max_age_years", 0));
    r.source = it.description;
    rules.push_back(std::move(r));
  }
  return rules;
}

// Cross references a file-by-file import cannot see; a broken one stops the process at start-up.
void check_references(const std::map<std::string, Catalog, std::less<>>& cats) {
  auto codes = [&](std::string_view name) {
    std::set<std::string, std::less<>> s;
    for (const auto& i : cats.find(name)->second.items()) s.insert(i.code);
    return s;
  };
  auto require = [&](std::string_view name, std::string_view field, std::string_view target) {
    const auto valid = codes(target);
    for (const auto& i : cats.find(name)->second.items()) {
      const auto v = i.text(field);
      if (!v.empty() && !valid.contains(v)) {
        throw std::runtime_error("catalog " + std::string(name) + ": " + i.code + " has " + std::string(field) + " '" +
                                 std::string(v) + "' not in " + std::string(target));
      }
    }
  };
  require(kServices, "location", kPatientLocations);
  require(kDivipola, "department_code", kDepartments);
  require(kDivipola, "regional", kRegionals);
  require(kCups, "group", kServiceGroups);
}

}  // namespace

Catalogs::Catalogs(std::map<std::string, Catalog, std::less<>> catalogs, std::vector<SexAgeRule> limits)
    : catalogs_(std::move(catalogs)), limits_(std::move(limits)) {}

std::shared_ptr<const Catalogs> Catalogs::embedded() { return load(std::nullopt); }

std::shared_ptr<const Catalogs> Catalogs::load(const std::optional<std::filesystem::path>& dir) {
  std::map<std::string, Catalog, std::less<>> cats;
  std::vector<SexAgeRule> limits;
  for (const auto& spec : schema::all()) {
    std::string text;
    std::string origin;
    if (dir && std::filesystem::exists(*dir / file_name(spec.name))) {
      origin = (*dir / file_name(spec.name)).string();
      text = read_file(*dir / file_name(spec.name));
    } else {
      origin = "embedded " + file_name(spec.name);
      text = std::string(detail::embedded_file(spec.name));
    }
    auto result = import_text(spec.name, text);
    if (!result.report.ok()) throw std::runtime_error("catalog " + origin + ": " + result.report.error);
    if (!result.report.rejected.empty()) {
      const auto& first = result.report.rejected.front();
      throw std::runtime_error("catalog " + origin + " line " + std::to_string(first.line) + ": " + first.reason + " (" +
                               std::to_string(result.report.rejected.size()) + " invalid lines)");
    }
    if (spec.name == kCie10Limits) {
      limits = to_rules(result.items);
    } else {
      cats.emplace(spec.name, Catalog(spec.name, std::move(result.items), fnv1a_hex(text)));
    }
  }
  check_references(cats);
  return std::make_shared<const Catalogs>(std::move(cats), std::move(limits));
}

std::shared_ptr<const Catalogs> Catalogs::from_environment() {
  const char* dir = std::getenv("PORTAL_CATALOG_DIR");
  if (dir && *dir) return load(std::filesystem::path(dir));
  return embedded();
}

std::vector<std::string> Catalogs::names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : catalogs_) out.push_back(name);
  return out;
}

const Catalog* Catalogs::get(std::string_view name) const {
  auto it = catalogs_.find(name);
  return it == catalogs_.end() ? nullptr : &it->second;
}

const Item* Catalogs::find(std::string_view name, std::string_view code) const {
  const auto* c = get(name);
  return c ? c->find(normalize_code(name, code)) : nullptr;
}

std::optional<Page> Catalogs::search(std::string_view name, std::string_view query, int page, int per_page) const {
  const auto* c = get(name);
  if (!c) return std::nullopt;
  return c->search(query, page, per_page);
}

std::optional<DiagnosisProblem> Catalogs::check_diagnosis_exists(std::string_view code) const {
  const std::string c = normalize_cie10(code);
  if (find(kCie10, c)) return std::nullopt;
  return DiagnosisProblem{"unknown_code", c,
                          {"El diagnóstico " + c + " no existe en la CIE-10",
                           "Diagnosis " + c + " does not exist in ICD-10 (CIE-10)"}};
}

std::optional<DiagnosisProblem> Catalogs::check_diagnosis(std::string_view code, Sex sex, Age age) const {
  if (auto unknown = check_diagnosis_exists(code)) return unknown;
  return check_sex_age(limits_, normalize_cie10(code), sex, age);
}

std::optional<Municipality> Catalogs::municipality(std::string_view code) const {
  const Item* m = find(kDivipola, code);
  if (!m) return std::nullopt;
  Municipality out;
  out.code = m->code;
  out.name = m->description;
  out.department_code = std::string(m->text("department_code"));
  if (const Item* d = find(kDepartments, out.department_code)) out.department_name = d->description;
  out.regional = std::string(m->text("regional"));
  out.subsidy_city = m->flag("subsidy_city");
  return out;
}

bool Catalogs::is_subsidy_city(std::string_view municipality_code) const {
  auto m = municipality(municipality_code);
  return m && m->subsidy_city;
}

namespace {

Procedure to_procedure(const Item& i) {
  return Procedure{i.code,
                   std::string(i.text("classification", "general")),
                   i.description,
                   std::string(i.text("group")),
                   i.flag("pos"),
                   i.flag("surgical"),
                   i.flag("hospital"),
                   i.flag("copay")};
}

}  // namespace

std::vector<Procedure> Catalogs::procedures(std::string_view cups_code) const {
  std::vector<Procedure> out;
  if (const auto* c = get(kCups)) {
    for (const auto* i : c->find_all(normalize_code(kCups, cups_code))) out.push_back(to_procedure(*i));
  }
  return out;
}

std::optional<Procedure> Catalogs::procedure(std::string_view cups_code, std::string_view classification) const {
  for (auto& p : procedures(cups_code)) {
    if (p.classification == classification) return p;
  }
  return std::nullopt;
}

std::string normalize_code(std::string_view catalog, std::string_view code) {
  if (const auto* spec = schema::find(catalog)) return spec->normalize(code);
  return std::string(code);
}

}  // namespace portal::catalog
