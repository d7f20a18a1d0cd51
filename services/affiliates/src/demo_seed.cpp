#include "demo_seed.hpp"

#include <array>

#include "affiliate_store.hpp"

namespace portal::affiliates {
namespace {

using namespace std::chrono;

constexpr std::array kFemaleNames = {"María",  "Ana",       "Luz",    "Carmen",  "Rosa",
                                     "Sofía",  "Valentina", "Isabel", "Daniela", "Laura",
                                     "Ángela", "Yolanda",   "Marta",  "Paola",   "Natalia"};
constexpr std::array kMaleNames = {"José",  "Juan",   "Carlos", "Luis",      "Andrés",
                                   "Jorge", "Miguel", "Camilo", "Sebastián", "Julián",
                                   "Óscar", "Rafael", "Pedro",  "Jesús",     "Héctor"};
constexpr std::array kSurnames = {"Pérez",   "Gómez",     "Rodríguez", "Martínez", "Hernández",
                                  "García",  "López",     "Díaz",      "Torres",   "Ramírez",
                                  "Muñoz",   "Castro",    "Ortiz",     "Suárez",   "Peña",
                                  "Barrios", "De la Hoz", "Orozco",    "Mendoza",  "Cárdenas"};
// Barranquilla and Cartagena first (AUT-4), then the Caribbean region and two large cities.
constexpr std::array kMunicipalities = {"08001", "13001", "08001", "13001", "08758", "08573", "13430",
                                        "20001", "23001", "47001", "70001", "44001", "11001", "05001"};

// A small linear congruential generator: the same sequence on every machine.
class Sequence {
 public:
  explicit Sequence(unsigned long long seed) : state_(seed) {}
  unsigned next(unsigned bound) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>((state_ >> 33) % bound);
  }

 private:
  unsigned long long state_;
};

// The birth date of someone `years` old today whose birthday was `days` ago (Feb 29 → Feb 28).
std::string birth_for(year_month_day today, int years, int days) {
  year_month_day anniversary{today.year() - std::chrono::years{years}, today.month(), today.day()};
  if (!anniversary.ok()) anniversary = year_month_day{anniversary.year(), February, day{28}};
  return core::format_date(year_month_day{sys_days{anniversary} - std::chrono::days{days}});
}

Affiliate person(std::string type, std::string number, std::string first, std::optional<std::string> second,
                 std::string surname, std::optional<std::string> second_surname, std::string birth,
                 std::string sex, std::string municipality) {
  Affiliate a;
  a.document_type = std::move(type);
  a.document_number = std::move(number);
  a.first_name = std::move(first);
  a.second_name = std::move(second);
  a.first_surname = std::move(surname);
  a.second_surname = std::move(second_surname);
  a.birth_date = std::move(birth);
  a.sex = std::move(sex);
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = std::move(municipality);
  return a;
}

Affiliate newborn(const Affiliate& mother, long long child, std::string first, std::string sex,
                  std::string birth) {
  Affiliate n = person("", "", std::move(first), std::nullopt, mother.first_surname, mother.second_surname,
                       std::move(birth), std::move(sex), mother.municipality_code);
  n.document_type.reset();
  n.document_number.reset();
  n.newborn_of_type = mother.document_type;
  n.newborn_of_number = mother.document_number;
  n.child_number = child;
  n.regime = mother.regime;
  return n;
}

std::string document_type_for(int age) {
  if (age < 7) return "RC";
  if (age < 18) return "TI";
  return "CC";
}

}  // namespace

std::vector<Affiliate> demo_affiliates(year_month_day today) {
  std::vector<Affiliate> out;
  // Notable records (docs/affiliates.md, README demo section).
  auto mother = person("CC", "1000000001", "María", "Fernanda", "Gómez", "Pérez", birth_for(today, 29, 40),
                       "F", "08001");
  mother.address = "Calle 72 # 45-10";
  mother.mobile = "3001234567";
  mother.email = "maria.gomez@example.com";
  out.push_back(mother);
  out.push_back(newborn(mother, 1, "Hijo de María", "M", birth_for(today, 0, 3)));
  out.push_back(newborn(mother, 2, "Hija de María", "F", birth_for(today, 0, 3)));
  auto suspended = person("CC", "1000000002", "Carlos", "Andrés", "Martínez", "Ríos",
                          birth_for(today, 45, 100), "M", "13001");
  suspended.affiliation_status = "suspended";
  suspended.regime = "contributory";
  out.push_back(suspended);
  auto inconsistent = person("CC", "1000000003", "Luis", "Eduardo", "Barrios", "Orozco",
                             birth_for(today, 52, 10), "M", "08001");
  inconsistent.data_quality = "inconsistent";
  out.push_back(inconsistent);
  out.push_back(person("TI", "1000000004", "Valentina", std::nullopt, "Torres", "Díaz",
                       birth_for(today, 12, 50), "F", "13001"));
  out.push_back(person("RC", "1000000005", "Samuel", std::nullopt, "Peña", "Suárez", birth_for(today, 4, 20),
                       "M", "08001"));
  // AFF-1: an adult still registered with his civil registry: returned with document_type_warning.
  out.push_back(person("RC", "1000000006", "Jorge", "Iván", "Cárdenas", std::nullopt, birth_for(today, 30, 5),
                       "M", "13001"));
  auto pregnant = person("CC", "1000000007", "Daniela", std::nullopt, "Mendoza", "Castro",
                         birth_for(today, 24, 200), "F", "13001");
  out.push_back(pregnant);
  out.push_back(person("CC", "1000000008", "Rafael", std::nullopt, "Orozco", "De la Hoz",
                       birth_for(today, 71, 30), "M", "47001"));
  auto retired = person("CC", "1000000009", "Rosa", "Elena", "Muñoz", std::nullopt, birth_for(today, 66, 60),
                        "F", "20001");
  retired.affiliation_status = "retired";
  out.push_back(retired);
  out.push_back(person("CE", "E2000010", "Ana", "Lucía", "García", std::nullopt, birth_for(today, 35, 0), "F",
                       "08001"));

  // Generated roster: varied ages (newborns to 90), both sexes, the Caribbean municipalities.
  Sequence seq(20260301);
  for (int i = 0; i < kDemoGeneratedAffiliates; ++i) {
    const bool female = seq.next(2) == 0;
    const int age = static_cast<int>(seq.next(100) < 15 ? seq.next(18) : 18 + seq.next(73));
    const auto& names = female ? kFemaleNames : kMaleNames;
    auto a =
        person(document_type_for(age), std::to_string(1000001000 + i), names[seq.next(names.size())],
               seq.next(3) == 0 ? std::optional<std::string>{names[seq.next(names.size())]} : std::nullopt,
               kSurnames[seq.next(kSurnames.size())], std::string{kSurnames[seq.next(kSurnames.size())]},
               birth_for(today, age, static_cast<int>(seq.next(365))), female ? "F" : "M",
               kMunicipalities[seq.next(kMunicipalities.size())]);
    a.regime = seq.next(3) == 0 ? "contributory" : "subsidized";
    const auto roll = seq.next(100);
    if (roll < 4)
      a.affiliation_status = "suspended";
    else if (roll < 8)
      a.affiliation_status = "retired";
    if (seq.next(100) < 5) a.data_quality = "inconsistent";
    out.push_back(a);
    // Some young mothers have a newborn "hijo de" registered under their document.
    if (female && age >= 18 && age <= 40 && seq.next(10) == 0) {
      out.push_back(newborn(a, 1, "Hijo de " + a.first_name, seq.next(2) ? "F" : "M",
                            birth_for(today, 0, static_cast<int>(seq.next(25)))));
    }
  }
  return out;
}

bool seed_demo_affiliates(db::Database& db, const core::Clock& clock) {
  if (db.read([](db::Connection& c) { return affiliate_store::find_by_document(c, "CC", "1000000001"); }))
    return false;
  // Replicas starting at once on one PostgreSQL may both get here: insert() skips a document (or newborn
  // key) already registered, also one the other replica has just committed, so each affiliate is stored
  // once and neither start fails.
  return db.write([&](db::Connection& c) {
    const auto now = core::to_rfc3339(clock.now());
    bool inserted = false;
    for (const auto& a : demo_affiliates(core::bogota_date(clock.now())))
      inserted = affiliate_store::insert(c, a, now).has_value() || inserted;
    return inserted;
  });
}

}  // namespace portal::affiliates
