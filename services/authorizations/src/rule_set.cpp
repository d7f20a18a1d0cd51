// AUT-2: reading and validating a rule set (docs/rules.md).
#include "rule_set.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "portal/json/json.hpp"
#include "rule_reachability.hpp"

namespace portal::authorizations {
namespace {

using rapidjson::Value;

constexpr std::string_view kLineTypes[] = {"procedure", "medicine", "device"};
const std::vector<std::string> kSexes = {"F", "M"};
const std::vector<std::string> kRegimes = {"contributory", "subsidized"};
const std::vector<std::string> kStatuses = {"active", "deceased", "retired", "suspended"};

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

bool identifier(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool code_text(std::string_view s) {
  return !s.empty() && s.size() <= 30 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
}

class Reader {
 public:
  Reader(const catalog::Catalogs& catalogs, core::FieldErrors& errors)
      : catalogs_(catalogs), errors_(errors) {}

  void error(std::string field, std::string code, core::Text message) {
    errors_.push_back({std::move(field), std::move(code), std::move(message)});
  }

  void unknown_field(const std::string& field) {
    error(field, "unknown_field", {"Campo desconocido", "Unknown field"});
  }

  std::optional<std::string> string(const Value& o, const char* name, const std::string& path, bool required,
                                    std::size_t max_len) {
    if (!o.HasMember(name)) {
      if (required) error(path, "required", json::required_message());
      return std::nullopt;
    }
    const Value& v = o[name];
    if (!v.IsString()) {
      error(path, "invalid_type", json::invalid_type_message("un texto", "a string"));
      return std::nullopt;
    }
    std::string s(v.GetString(), v.GetStringLength());
    if (required && s.empty()) {
      error(path, "required", json::required_message());
      return std::nullopt;
    }
    if (s.size() > max_len) {
      error(path, "too_long",
            {"Máximo " + std::to_string(max_len) + " caracteres",
             "At most " + std::to_string(max_len) + " characters"});
      return std::nullopt;
    }
    return s;
  }

  std::optional<bool> boolean(const Value& v, const std::string& path) {
    if (!v.IsBool()) {
      error(path, "invalid_type", json::invalid_type_message("verdadero o falso", "true or false"));
      return std::nullopt;
    }
    return v.GetBool();
  }

  std::optional<long long> integer(const Value& v, const std::string& path, long long min, long long max) {
    if (!v.IsInt64()) {
      error(path, "invalid_type", json::invalid_type_message("un número entero", "an integer"));
      return std::nullopt;
    }
    const long long n = v.GetInt64();
    if (n < min || n > max) {
      error(path, "out_of_range",
            {"Debe estar entre " + std::to_string(min) + " y " + std::to_string(max),
             "Must be between " + std::to_string(min) + " and " + std::to_string(max)});
      return std::nullopt;
    }
    return n;
  }

  // {"min": a, "max": b}, at least one bound, min <= max.
  std::optional<Range> range(const Value& v, const std::string& path, long long min, long long max) {
    if (!v.IsObject()) {
      error(path, "invalid_type", json::invalid_type_message("un objeto {min, max}", "an object {min, max}"));
      return std::nullopt;
    }
    Range r;
    bool ok = true;
    for (const auto& m : v.GetObject()) {
      const std::string name(m.name.GetString(), m.name.GetStringLength());
      const std::string sub = path + "." + name;
      if (name == "min" || name == "max") {
        auto n = integer(m.value, sub, min, max);
        if (!n) ok = false;
        (name == "min" ? r.min : r.max) = n;
      } else {
        unknown_field(sub);
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    if (!r.min && !r.max) {
      error(path, "required", {"Indique min, max o ambos", "Give min, max or both"});
      return std::nullopt;
    }
    if (r.min && r.max && *r.min > *r.max) {
      error(path, "invalid_range", {"min no puede ser mayor que max", "min cannot be greater than max"});
      return std::nullopt;
    }
    return r;
  }

  // A non-empty array of strings, each accepted by `check` (which reports its own error and returns
  // false), sorted and deduplicated.
  std::optional<std::vector<std::string>> list(
      const Value& v, const std::string& path,
      const std::function<bool(const std::string&, const std::string&)>& check) {
    if (!v.IsArray()) {
      error(path, "invalid_type", json::invalid_type_message("una lista de textos", "a list of strings"));
      return std::nullopt;
    }
    if (v.Empty()) {
      error(path, "never_matches", {"Una lista vacía no coincide con nada", "An empty list matches nothing"});
      return std::nullopt;
    }
    if (v.Size() > kMaxListItems) {
      error(path, "too_many",
            {"Máximo " + std::to_string(kMaxListItems) + " valores",
             "At most " + std::to_string(kMaxListItems) + " values"});
      return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      if (!v[i].IsString()) {
        error(item_path, "invalid_type", json::invalid_type_message("un texto", "a string"));
        ok = false;
        continue;
      }
      std::string s(v[i].GetString(), v[i].GetStringLength());
      if (!check(s, item_path)) {
        ok = false;
        continue;
      }
      out.push_back(std::move(s));
    }
    if (!ok) return std::nullopt;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // A check that the value is one of a fixed list.
  std::function<bool(const std::string&, const std::string&)> one_of(
      const std::vector<std::string>& allowed) {
    return [this, allowed](const std::string& s, const std::string& path) {
      if (std::find(allowed.begin(), allowed.end(), s) != allowed.end()) return true;
      error(path, "invalid_value",
            {"Valor no permitido; valores: " + joined(allowed),
             "Value not allowed; values: " + joined(allowed)});
      return false;
    };
  }

  // A check that the value is a code of a catalog (stored in the catalog's canonical form).
  std::function<bool(std::string&, const std::string&)> in_catalog(std::string_view name) {
    return [this, name](std::string& s, const std::string& path) {
      const auto* item = catalogs_.find(name, s);
      if (!item) {
        error(path, "unknown_code",
              {"El código " + s + " no existe en el catálogo " + std::string(name),
               "Code " + s + " is not in catalog " + std::string(name)});
        return false;
      }
      s = item->code;
      return true;
    };
  }

  std::function<bool(const std::string&, const std::string&)> catalog_check(std::string_view name) {
    auto f = in_catalog(name);
    return [f](const std::string& s, const std::string& path) {
      std::string copy = s;
      return f(copy, path);
    };
  }

  std::function<bool(const std::string&, const std::string&)> prefix_check() {
    return [this](const std::string& s, const std::string& path) {
      if (code_text(s)) return true;
      error(path, "invalid_format",
            {"Un prefijo son letras o dígitos (hasta 30)", "A prefix is letters or digits (up to 30)"});
      return false;
    };
  }

  const catalog::Catalogs& catalogs_;
  core::FieldErrors& errors_;
};

// A list of catalog codes, normalised to the catalog's form (CIE-10 "o80.0" -> "O800").
std::optional<std::vector<std::string>> catalog_list(Reader& r, const Value& v, const std::string& path,
                                                     std::string_view catalog) {
  std::vector<std::string> canonical;
  auto check = r.in_catalog(catalog);
  auto out = r.list(v, path, [&](const std::string& s, const std::string& p) {
    std::string code = s;
    if (!check(code, p)) return false;
    canonical.push_back(code);
    return true;
  });
  if (!out) return std::nullopt;
  std::sort(canonical.begin(), canonical.end());
  canonical.erase(std::unique(canonical.begin(), canonical.end()), canonical.end());
  return canonical;
}

Conditions read_conditions(Reader& r, const Value& when, const std::string& path, bool& ok) {
  Conditions c;
  const std::size_t before = r.errors_.size();
  for (const auto& m : when.GetObject()) {
    const std::string name(m.name.GetString(), m.name.GetStringLength());
    const std::string p = path + "." + name;
    const Value& v = m.value;
    if (name == "line_types") {
      std::vector<std::string> allowed(std::begin(kLineTypes), std::end(kLineTypes));
      if (auto l = r.list(v, p, r.one_of(allowed))) {
        c.line_types.emplace();
        for (const auto& t : *l) c.line_types->push_back(*parse_line_type(t));
      }
    } else if (name == "cups_codes") {
      c.cups_codes = catalog_list(r, v, p, catalog::kCups);
    } else if (name == "cups_prefixes") {
      c.cups_prefixes = r.list(v, p, r.prefix_check());
    } else if (name == "service_groups") {
      c.service_groups = r.list(v, p, r.catalog_check(catalog::kServiceGroups));
    } else if (name == "pos") {
      c.pos = r.boolean(v, p);
    } else if (name == "surgical") {
      c.surgical = r.boolean(v, p);
    } else if (name == "hospital") {
      c.hospital = r.boolean(v, p);
    } else if (name == "copay") {
      c.copay = r.boolean(v, p);
    } else if (name == "contracted") {
      c.contracted = r.boolean(v, p);
    } else if (name == "medicine_codes") {
      c.medicine_codes = r.list(v, p, [&](const std::string& s, const std::string& ip) {
        if (code_text(s)) return true;
        r.error(ip, "invalid_format",
                {"Un código IUM o CUM son letras, dígitos y guiones (hasta 30)",
                 "An IUM or CUM code is letters, digits and dashes (up to 30)"});
        return false;
      });
    } else if (name == "quantity") {
      c.quantity = r.range(v, p, 1, 100000);
    } else if (name == "repeated_within_days") {
      if (auto n = r.integer(v, p, 1, 3650)) c.repeated_within_days = static_cast<int>(*n);
    } else if (name == "service_types") {
      c.service_types = r.list(v, p, r.catalog_check(catalog::kServiceTypes));
    } else if (name == "priorities") {
      c.priorities = r.list(v, p, r.catalog_check(catalog::kPriorities));
    } else if (name == "patient_locations") {
      c.patient_locations = r.list(v, p, r.catalog_check(catalog::kPatientLocations));
    } else if (name == "services") {
      c.services = r.list(v, p, r.catalog_check(catalog::kServices));
    } else if (name == "diagnosis_codes") {
      c.diagnosis_codes = catalog_list(r, v, p, catalog::kCie10);
    } else if (name == "diagnosis_prefixes") {
      if (auto l = r.list(v, p, r.prefix_check())) {
        c.diagnosis_prefixes.emplace();
        // CIE-10 as stored: upper case, no dot ("o80." -> "O80").
        for (const auto& s : *l) {
          std::string prefix;
          for (const char ch : s) {
            if (ch != '.') prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
          }
          if (!prefix.empty()) c.diagnosis_prefixes->push_back(prefix);
        }
      }
    } else if (name == "sex") {
      if (auto s = r.string(when, "sex", p, true, 1)) {
        if (r.one_of(kSexes)(*s, p)) c.sex = *s;
      }
    } else if (name == "age_years") {
      c.age_years = r.range(v, p, 0, 150);
    } else if (name == "regimes") {
      c.regimes = r.list(v, p, r.one_of(kRegimes));
    } else if (name == "affiliation_statuses") {
      c.affiliation_statuses = r.list(v, p, r.one_of(kStatuses));
    } else if (name == "departments") {
      c.departments = catalog_list(r, v, p, catalog::kDepartments);
    } else if (name == "municipalities") {
      c.municipalities = catalog_list(r, v, p, catalog::kDivipola);
    } else {
      r.unknown_field(p);
    }
  }
  ok = r.errors_.size() == before;
  return c;
}

std::optional<Rule> read_rule(Reader& r, const Value& v, const std::string& path) {
  if (!v.IsObject()) {
    r.error(path, "invalid_type", json::invalid_type_message("un objeto", "an object"));
    return std::nullopt;
  }
  const std::size_t before = r.errors_.size();
  Rule rule;
  for (const auto& m : v.GetObject()) {
    const std::string name(m.name.GetString(), m.name.GetStringLength());
    if (name != "id" && name != "description" && name != "when" && name != "outcome" && name != "reason") {
      r.unknown_field(path + "." + name);
    }
  }
  if (auto id = r.string(v, "id", path + ".id", true, 64)) {
    if (identifier(*id)) {
      rule.id = *id;
    } else {
      r.error(path + ".id", "invalid_format",
              {"Minúsculas, dígitos y _ (hasta 64)", "Lower-case letters, digits and _ (up to 64)"});
    }
  }
  if (!v.HasMember("description")) {
    r.error(path + ".description", "required", json::required_message());
  } else if (!v["description"].IsObject()) {
    r.error(path + ".description", "invalid_type",
            json::invalid_type_message("un objeto {es, en}", "an object {es, en}"));
  } else {
    const Value& d = v["description"];
    for (const auto& m : d.GetObject()) {
      const std::string name(m.name.GetString(), m.name.GetStringLength());
      if (name != "es" && name != "en") r.unknown_field(path + ".description." + name);
    }
    auto es = r.string(d, "es", path + ".description.es", true, 500);
    auto en = r.string(d, "en", path + ".description.en", true, 500);
    if (es && en) rule.description = {*es, *en};
  }
  if (auto outcome = r.string(v, "outcome", path + ".outcome", true, 20)) {
    if (*outcome == "approve") {
      rule.outcome = Outcome::approve;
    } else if (*outcome == "pend") {
      rule.outcome = Outcome::pend;
    } else {
      r.error(path + ".outcome", "invalid_value",
              {"Valores: approve, pend (ninguna regla niega: una solicitud retenida la decide un auditor)",
               "Values: approve, pend (no rule denies: an auditor decides a held request)"});
    }
  }
  if (auto reason = r.string(v, "reason", path + ".reason", true, 64)) {
    if (!identifier(*reason)) {
      r.error(path + ".reason", "invalid_format",
              {"Minúsculas, dígitos y _ (hasta 64)", "Lower-case letters, digits and _ (up to 64)"});
    } else if (*reason == kNoRule) {
      r.error(path + ".reason", "invalid_value",
              {"no_rule está reservado para las líneas que ninguna regla cubre",
               "no_rule is reserved for lines no rule covers"});
    } else {
      rule.reason = *reason;
    }
  }
  if (!v.HasMember("when")) {
    r.error(path + ".when", "required", json::required_message());
  } else if (!v["when"].IsObject()) {
    r.error(path + ".when", "invalid_type", json::invalid_type_message("un objeto", "an object"));
  } else {
    bool ok = false;
    rule.when = read_conditions(r, v["when"], path + ".when", ok);
    if (ok) {
      if (auto why = never_matches(rule.when, r.catalogs_))
        r.error(path + ".when", "never_matches", std::move(*why));
    }
  }
  if (r.errors_.size() != before) return std::nullopt;
  return rule;
}

}  // namespace

RuleSetParse parse_rule_set(std::string_view body, const catalog::Catalogs& catalogs) {
  RuleSetParse out;
  auto parsed = json::parse(body, 16);
  if (!parsed.ok()) {
    out.errors.push_back({"", parsed.error->code, parsed.error->message});
    return out;
  }
  Reader r(catalogs, out.errors);
  const Value& doc = parsed.doc;
  for (const auto& m : doc.GetObject()) {
    const std::string name(m.name.GetString(), m.name.GetStringLength());
    if (name != "name" && name != "rules") r.unknown_field(name);
  }
  RuleSet set;
  if (auto name = r.string(doc, "name", "name", true, 120)) set.name = *name;
  if (!doc.HasMember("rules")) {
    r.error("rules", "required", json::required_message());
  } else if (!doc["rules"].IsArray()) {
    r.error("rules", "invalid_type", json::invalid_type_message("una lista de reglas", "a list of rules"));
  } else if (doc["rules"].Empty()) {
    r.error("rules", "required",
            {"Un conjunto de reglas tiene al menos una regla", "A rule set has at least one rule"});
  } else if (doc["rules"].Size() > kMaxRules) {
    r.error("rules", "too_many",
            {"Máximo " + std::to_string(kMaxRules) + " reglas",
             "At most " + std::to_string(kMaxRules) + " rules"});
  } else {
    std::set<std::string> ids;
    const Value& rules = doc["rules"];
    for (rapidjson::SizeType i = 0; i < rules.Size(); ++i) {
      const std::string path = "rules[" + std::to_string(i) + "]";
      const Value& rv = rules[i];
      if (rv.IsObject() && rv.HasMember("id") && rv["id"].IsString()) {
        const std::string id = rv["id"].GetString();
        if (!ids.insert(id).second) {
          r.error(path + ".id", "duplicate_id",
                  {"La regla " + id + " ya existe en este conjunto",
                   "Rule " + id + " already exists in this set"});
        }
      }
      if (auto rule = read_rule(r, rv, path)) set.rules.push_back(std::move(*rule));
    }
  }
  if (out.errors.empty()) out.rule_set = std::move(set);
  return out;
}

}  // namespace portal::authorizations
