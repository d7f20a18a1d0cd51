#include "schema.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "portal/catalog/diagnosis.hpp"
#include "portal/catalog/text_fold.hpp"

namespace portal::catalog::schema {

namespace {

std::string trim_copy(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

bool all_of(std::string_view s, int (*pred)(int)) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)); });
}

bool snake_case(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string upper_trim(std::string_view s) {
  std::string out = trim_copy(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// DANE codes lose their leading zero in spreadsheets ("8001"); 7/8-digit populated-centre codes carry
// the municipality in their first 5 digits once padded to 8.
std::string pad_digits(std::string_view raw, std::size_t width) {
  std::string s = trim_copy(raw);
  if (!all_of(s, ::isdigit)) return s;
  if (width == 5 && (s.size() == 7 || s.size() == 8)) {
    s = std::string(8 - s.size(), '0') + s;
    return s.substr(0, 5);
  }
  if (s.size() < width) s = std::string(width - s.size(), '0') + s;
  return s;
}

bool cie10_code(std::string_view c) {
  return c.size() == 4 && std::isupper(static_cast<unsigned char>(c[0])) &&
         std::isdigit(static_cast<unsigned char>(c[1])) && std::isalnum(static_cast<unsigned char>(c[2])) &&
         std::isalnum(static_cast<unsigned char>(c[3]));
}

std::string limit_code(std::string_view raw) {
  std::string c = normalize_cie10(raw);
  if (c.size() == 4 && c[3] == 'X' && trim_copy(raw).size() == 3) c.pop_back();  // keep ranges at 3 chars
  return c;
}

bool limit_code_valid(std::string_view c) {
  return (c.size() == 3 || c.size() == 4) && std::isupper(static_cast<unsigned char>(c[0])) &&
         std::isdigit(static_cast<unsigned char>(c[1])) && std::isdigit(static_cast<unsigned char>(c[2]));
}

std::function<std::string(std::string_view)> one_of(std::vector<std::string> allowed) {
  return [allowed = std::move(allowed)](std::string_view v) -> std::string {
    if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) return "";
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : "|") + a;
    return "must be one of " + list;
  };
}

std::function<std::string(std::string_view)> constant(std::string value) {
  return [value = std::move(value)](std::string_view) { return value; };
}

const std::vector<std::string> kGroups = {"professional_consultation",
                                          "basic_diagnostics",
                                          "specialized_diagnostics",
                                          "home_care",
                                          "hospitalization",
                                          "medicines",
                                          "high_cost",
                                          "supplies",
                                          "dentistry",
                                          "surgical_procedures",
                                          "non_surgical_procedures",
                                          "therapies"};

// Default service group of a CUPS code when an official table has no group column: CUPS section 01
// (chapters 01-86) holds surgical procedures; 87-88 imaging, 90 laboratory, 8901 home visits,
// 8902-8907 consultations, 93 therapies; the rest non-surgical procedures.
std::string cups_group(std::string_view code) {
  if (code.size() < 4 || !all_of(code.substr(0, 2), ::isdigit)) return "non_surgical_procedures";
  const int two = (code[0] - '0') * 10 + (code[1] - '0');
  if (two <= 86) return "surgical_procedures";
  if (code.starts_with("8901")) return "home_care";
  if (code.starts_with("890")) return "professional_consultation";
  if (two == 87 || two == 88 || two == 90) return "basic_diagnostics";
  if (two == 93) return "therapies";
  return "non_surgical_procedures";
}

// SPEC §8 regionals when an imported DIVIPOLA table has no regional column: whole departments, and
// Bolívar by ZODES (docs/catalogs.md; same mapping as tools/prepare_data.py).
std::string default_regional(std::string_view code) {
  static const std::map<std::string, std::string, std::less<>> bolivar = [] {
    std::map<std::string, std::string, std::less<>> m;
    const std::pair<const char*, const char*> groups[] = {
        {"bolivar", "13001 13052 13062 13140 13222 13433 13620 13647 13673 13683 13760 13836 13838 13873"},
        {"bolivar_norte", "13212 13244 13248 13442 13654 13657 13894"},
        {"bolivar_centro", "13006 13188 13300 13430 13440 13458 13468 13549 13650 13655 13780 13810"},
        {"bolivar_sur", "13030 13042 13074 13160 13268 13473 13490 13580 13600 13667 13670 13688 13744"}};
    for (const auto& [regional, codes] : groups) {
      std::string_view list = codes;
      for (std::size_t i = 0; i + 5 <= list.size(); i += 6)
        m.emplace(std::string(list.substr(i, 5)), regional);
    }
    return m;
  }();
  const auto dept = code.substr(0, 2);
  if (dept == "13") {
    auto it = bolivar.find(code);
    return it == bolivar.end() ? "bolivar" : it->second;
  }
  if (dept == "08") return "atlantico";
  if (dept == "47" || dept == "44") return "magua";
  if (dept == "70") return "sucre";
  if (dept == "23") return "cordoba";
  return "";
}

// Glosa concept codes (SPEC §13 REG-2, FIN-5): Res. 2284 de 2023 codes are two capital letters (the
// general concept), then two digits of specific concept and two of application (FA, FA07, FA0701);
// Res. 3047 Anexo 6 codes are digits (a family digit, or three digits).
bool glosa_code(std::string_view c) {
  auto letters = [&](std::size_t n) { return c.size() >= n && all_of(c.substr(0, n), ::isupper); };
  if (c.size() == 1 || c.size() == 3) return all_of(c, ::isdigit);
  return (c.size() == 2 || c.size() == 4 || c.size() == 6) && letters(2) &&
         (c.size() == 2 || all_of(c.substr(2), ::isdigit));
}

std::string glosa_generation(std::string_view code) {
  return !code.empty() && std::isdigit(static_cast<unsigned char>(code[0])) ? "3047" : "2284";
}

// family: a general concept (FA) or a 3047 family digit; group: a 4-character 2284 code; applicable:
// a code a glosa line carries (6 characters, or 3 digits under 3047); response: a provider answer.
std::string glosa_level(std::string_view code) {
  const bool response = code.starts_with("RE") || (code.size() == 3 && code[0] == '9');
  if (code.size() <= 2) return "family";
  if (code.size() == 4) return response ? "response_group" : "group";
  return response ? "response" : "applicable";
}

Spec simple(std::string name, std::vector<Column> columns = {}) {
  Spec s;
  s.name = std::move(name);
  s.code_aliases = {"code", "codigo"};
  s.description_aliases = {"description", "descripcion", "nombre", "name"};
  s.columns = std::move(columns);
  s.normalize = [](std::string_view c) { return trim_copy(c); };
  s.valid_code = snake_case;
  s.code_rule = "lower-case snake_case";
  return s;
}

// A catalog whose codes are digits of a fixed width (RIPS tables: "01".."14").
Spec numeric(std::string name, std::size_t width) {
  Spec s = simple(std::move(name));
  s.normalize = [width](std::string_view c) { return pad_digits(c, width); };
  s.valid_code = [width](std::string_view c) { return c.size() == width && all_of(c, ::isdigit); };
  s.code_rule = std::to_string(width) + (width == 1 ? " digit" : " digits (leading zero kept)");
  return s;
}

Column col(std::string name, Type type, bool required, std::vector<std::string> aliases = {}) {
  Column c;
  c.name = name;
  c.type = type;
  c.required = required;
  c.aliases = std::move(aliases);
  c.aliases.insert(c.aliases.begin(), fold_header(name));
  return c;
}

std::vector<Spec> build() {
  std::vector<Spec> specs;

  Spec cie10 = simple("cie10");
  cie10.code_aliases = {"code", "codigo", "cod4", "codigocie10", "cie10"};
  cie10.description_aliases = {"description", "descripcion", "descripcioncod4", "nombre", "name"};
  {
    auto chapter = col("chapter", Type::integer, false, {"capitulo"});
    auto category = col("category", Type::text, false, {"cod3", "categoria"});
    category.fallback = [](std::string_view code) { return std::string(code.substr(0, 3)); };
    cie10.columns = {chapter, category};
  }
  cie10.normalize = normalize_cie10;
  cie10.valid_code = cie10_code;
  cie10.code_rule = "a letter, two digits and a digit or X (R104, C61X)";
  specs.push_back(cie10);

  Spec limits = simple("cie10_limits");
  limits.code_aliases = {"from", "code", "desde"};
  limits.description_aliases = {"source", "description", "fuente"};
  {
    auto to = col("to", Type::text, true, {"hasta"});
    to.check = [](std::string_view v) -> std::string {
      return limit_code_valid(limit_code(v)) ? "" : "to must be a CIE-10 category or code (N40, N992)";
    };
    auto sex = col("sex", Type::text, true, {"sexo"});
    sex.check = one_of({"F", "M", "-"});
    limits.columns = {to, sex, col("min_age_years", Type::integer, false, {"edadminima"}),
                      col("max_age_years", Type::integer, false, {"edadmaxima"})};
  }
  limits.normalize = limit_code;
  limits.valid_code = limit_code_valid;
  limits.code_rule = "a CIE-10 category or code (O00, N992)";
  limits.key_includes_first_column = true;
  specs.push_back(limits);

  Spec cups = simple("cups");
  cups.code_aliases = {"code", "codigo", "cups", "codigocups"};
  {
    auto classification = col("classification", Type::text, false, {"clasificacion"});
    classification.fallback = constant("general");
    classification.check = one_of({"general", "ambulatory", "emergency", "hospital", "home"});
    auto group = col("group", Type::text, false, {"grupo", "gruposervicio"});
    group.fallback = cups_group;
    group.check = one_of(kGroups);
    auto pos = col("pos", Type::boolean, false, {"pbs", "cobertura"});
    pos.fallback = constant("true");  // Ley 1751 art. 15: covered unless explicitly excluded
    auto surgical = col("surgical", Type::boolean, false, {"quirurgico"});
    surgical.fallback = [](std::string_view code) {
      return cups_group(code) == "surgical_procedures" ? "true" : "false";
    };
    auto hospital = col("hospital", Type::boolean, false, {"hospitalario"});
    hospital.fallback = constant("false");
    // AUT-2 copay flag. Acuerdo 260 de 2004 art. 6: consultations and ambulatory laboratory and imaging
    // carry a moderating fee (cuota moderadora), not a copay; everything else may carry a copay (art. 7).
    auto copay = col("copay", Type::boolean, false, {"copago"});
    copay.fallback = [](std::string_view code) {
      const auto g = cups_group(code);
      return std::string(g == "professional_consultation" || g == "basic_diagnostics" ? "false" : "true");
    };
    cups.columns = {classification, group, pos, surgical, hospital, copay};
  }
  cups.normalize = upper_trim;
  cups.valid_code = [](std::string_view c) { return c.size() == 6 && all_of(c, ::isalnum); };
  cups.code_rule = "six letters or digits (890201)";
  cups.key_includes_first_column = true;
  specs.push_back(cups);

  Spec divipola = simple("divipola");
  divipola.code_aliases = {"code",    "codigo",     "codigomunicipio",
                           "codmpio", "codigodane", "codigocentropoblado"};
  divipola.description_aliases = {"description", "name", "nombre", "nombremunicipio", "municipio"};
  {
    auto dept = col("department_code", Type::text, false, {"codigodepartamento", "coddpto"});
    dept.fallback = [](std::string_view code) { return std::string(code.substr(0, 2)); };
    auto regional = col("regional", Type::text, false);
    regional.fallback = default_regional;
    regional.check = one_of({"bolivar", "bolivar_norte", "bolivar_centro", "bolivar_sur", "atlantico",
                             "magua", "sucre", "cordoba"});
    auto subsidy = col("subsidy_city", Type::boolean, false);
    subsidy.fallback = [](std::string_view code) {
      return code == "13001" || code == "08001" ? "true" : "false";
    };
    divipola.columns = {dept, regional, subsidy};
  }
  divipola.normalize = [](std::string_view c) { return pad_digits(c, 5); };
  divipola.valid_code = [](std::string_view c) { return c.size() == 5 && all_of(c, ::isdigit); };
  divipola.code_rule = "five digits with the leading zero (08001)";
  specs.push_back(divipola);

  Spec departments = simple("departments");
  departments.code_aliases = {"code", "codigo", "codigodepartamento", "coddpto"};
  departments.description_aliases = {"description", "name", "nombre", "nombredepartamento"};
  departments.normalize = [](std::string_view c) { return pad_digits(c, 2); };
  departments.valid_code = [](std::string_view c) { return c.size() == 2 && all_of(c, ::isdigit); };
  departments.code_rule = "two digits (08)";
  specs.push_back(departments);

  Spec documents = simple("document_types", {col("min_age_years", Type::integer, false),
                                             col("max_age_years", Type::integer, false)});
  documents.normalize = upper_trim;
  documents.valid_code = [](std::string_view c) { return c.size() == 2 && all_of(c, ::isupper); };
  documents.code_rule = "two capital letters (CC)";
  specs.push_back(documents);

  Spec triage =
      simple("triage", {col("level", Type::integer, true), col("max_wait_minutes", Type::integer, false)});
  triage.normalize = upper_trim;
  triage.valid_code = [](std::string_view c) {
    return c == "I" || c == "II" || c == "III" || c == "IV" || c == "V";
  };
  triage.code_rule = "I, II, III, IV or V";
  specs.push_back(triage);

  specs.push_back(simple("attention_origins", {col("rips_code", Type::text, false)}));
  specs.push_back(simple("destinations"));
  specs.push_back(simple("patient_locations", {col("anexo3_code", Type::integer, true),
                                               col("requires_bed", Type::boolean, true)}));
  specs.push_back(simple("services", {col("location", Type::text, true)}));
  specs.push_back(simple("referral_types"));
  specs.push_back(simple("ambulance_types", {col("requires_transfer", Type::boolean, true)}));
  specs.push_back(simple("transfer_types"));
  // REF-2 (issue 16): the referral's steps (trámites) with the side that may record them (origin,
  // destination, eps, any), closure reasons and the patient's condition on arrival.
  specs.push_back(simple("referral_steps", {col("side", Type::text, true)}));
  specs.push_back(simple("closure_reasons",
                         {col("requires_acceptance", Type::boolean, true), col("side", Type::text, true)}));
  specs.push_back(simple("arrival_conditions"));
  specs.push_back(simple("regionals", {col("department_codes", Type::text, true)}));
  specs.push_back(simple("service_groups", {col("timeliness_indicator", Type::boolean, true)}));
  specs.push_back(simple("service_types", {col("anexo3_code", Type::integer, true)}));
  specs.push_back(simple("priorities", {col("anexo3_code", Type::integer, true)}));

  // Res. 2335 de 2023 Anexo Técnico No. 1 code lists (issue 11): numeric codes as the RIPS tables write
  // them, leading zeros kept ("1" in a spreadsheet is "01").
  for (const auto& [name, width] :
       {std::pair{"admission_routes", 2}, std::pair{"care_causes", 2}, std::pair{"condition_destinations", 2},
        std::pair{"care_priorities", 1}, std::pair{"care_types", 1}, std::pair{"reps_service_groups", 2},
        std::pair{"technology_modalities", 2}, std::pair{"technology_purposes", 2},
        std::pair{"shared_payment_types", 2}, std::pair{"person_levels", 1}}) {
    specs.push_back(numeric(name, static_cast<std::size_t>(width)));
  }

  Spec glosas = simple("glosa_concepts");
  {
    auto generation = col("generation", Type::text, false, {"resolucion", "norma"});
    generation.fallback = glosa_generation;
    generation.check = one_of({"2284", "3047"});
    auto level = col("level", Type::text, false, {"nivel", "tipo"});
    level.fallback = glosa_level;
    level.check = one_of({"family", "group", "applicable", "response_group", "response"});
    auto source = col("source", Type::text, false, {"fuente"});
    source.fallback = constant("official table (imported)");
    glosas.columns = {generation, level, source};
  }
  glosas.code_aliases = {"code", "codigo", "codigoglosa", "codigoconcepto"};
  glosas.normalize = upper_trim;
  glosas.valid_code = glosa_code;
  glosas.code_rule = "a Res. 2284 code (FA, FA07, FA0701) or Res. 3047 digits (1, 117)";
  specs.push_back(glosas);

  Spec actions = simple("call_actions");
  actions.code_aliases = {"action_code", "code"};
  actions.description_aliases = {"action_description", "description"};
  actions.columns = {col("procedure_code", Type::text, false),
                     col("procedure_description", Type::text, false)};
  actions.grouped_actions = true;
  specs.push_back(actions);

  std::sort(specs.begin(), specs.end(), [](const Spec& a, const Spec& b) { return a.name < b.name; });
  return specs;
}

}  // namespace

std::string fold_header(std::string_view header) {
  if (auto colon = header.rfind(':'); colon != std::string_view::npos) header.remove_prefix(colon + 1);
  std::string out;
  for (char c : fold(header)) {
    if (c != ' ' && c != '_') out.push_back(c);
  }
  return out;
}

const std::vector<Spec>& all() {
  static const std::vector<Spec> specs = build();
  return specs;
}

const Spec* find(std::string_view name) {
  for (const auto& s : all()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace portal::catalog::schema
