// Issue 3: SPA autocomplete — prefix on code, accent- and case-insensitive search on descriptions.
#include <catch2/catch.hpp>

#include <cctype>
#include <string>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "shared_catalogs.hpp"
#include "portal/catalog/text_fold.hpp"

using portal::catalog::fold;

TEST_CASE("fold removes accents and case") {
  struct Row {
    const char* in;
    const char* out;
  };
  for (const auto& [in, out] : {Row{"Neumonía", "neumonia"}, Row{"NEUMONÍA", "neumonia"}, Row{"Niño", "nino"},
                                Row{"ÁÉÍÓÚÜÑ", "aeiouun"}, Row{"  Cólera, no especificado ", "colera no especificado"},
                                Row{"O80.0", "o80 0"}, Row{"", ""}}) {
    CAPTURE(in);
    CHECK(fold(in) == out);
  }
}

TEST_CASE("accent- and case-insensitive description search") {
  for (const char* q : {"neumonia", "NEUMONIA", "Neumonía", "neumonía", "  neumonia  "}) {
    CAPTURE(q);
    auto page = catalogs().search("cie10", q);
    REQUIRE(page);
    CHECK(page->total > 20);
    REQUIRE(!page->items.empty());
    CHECK(fold(page->items.front()->description).find("neumonia") != std::string::npos);
  }
  CHECK(catalogs().search("cie10", "neumonia")->total == catalogs().search("cie10", "NEUMONÍA")->total);
}

TEST_CASE("all words must match; word starts rank first") {
  auto page = catalogs().search("cie10", "insuficiencia renal cronica", 1, 100);
  REQUIRE(page);
  REQUIRE(page->total > 0);
  for (const auto* item : page->items) {
    const auto f = fold(item->description);
    CHECK(f.find("insuficiencia") != std::string::npos);
    CHECK(f.find("renal") != std::string::npos);
    CHECK(f.find("cronica") != std::string::npos);
  }
  // A description starting with the query beats one that merely contains it.
  auto ranked = catalogs().search("cie10", "colera");
  REQUIRE(ranked);
  REQUIRE(!ranked->items.empty());
  CHECK(ranked->items.front()->code == "A000");
}

TEST_CASE("prefix search on codes") {
  auto page = catalogs().search("cie10", "O80");
  REQUIRE(page);
  REQUIRE(!page->items.empty());
  for (const auto* item : page->items) {
    if (item->code.starts_with("O80")) continue;
    FAIL("code match should come first: " << item->code);
  }
  CHECK(catalogs().search("cie10", "o80.0")->items.front()->code == "O800");
  CHECK(catalogs().search("cie10", "j18")->items.front()->code == "J180");
  CHECK(catalogs().search("cups", "8902")->total >= 60);
  CHECK(catalogs().search("divipola", "08")->items.front()->code == "08001");
}

TEST_CASE("search pages are stable and bounded") {
  auto p1 = catalogs().search("cie10", "tumor", 1, 10);
  auto p2 = catalogs().search("cie10", "tumor", 2, 10);
  auto again = catalogs().search("cie10", "tumor", 1, 10);
  REQUIRE(p1);
  REQUIRE(p2);
  REQUIRE(p1->items.size() == 10);
  CHECK(p1->total == p2->total);
  CHECK(p1->items.front() != p2->items.front());
  CHECK(p1->items == again->items);
  CHECK(catalogs().search("cie10", "tumor", 1, 100000)->per_page == 100);
  CHECK(catalogs().search("cie10", "tumor", 0, 0)->page == 1);
  CHECK(catalogs().search("cie10", "tumor", 100000, 10)->items.empty());
  CHECK(catalogs().search("cie10", std::string(100000, 'a'))->total == 0);
  CHECK(catalogs().search("cie10", "zzzzzz")->total == 0);
  CHECK(catalogs().search("document_types", "")->total == catalogs().get("document_types")->size());
}

TEST_CASE("municipality search by name") {
  auto page = catalogs().search("divipola", "medellin");
  REQUIRE(page);
  REQUIRE(!page->items.empty());
  CHECK(page->items.front()->code == "05001");
  CHECK(catalogs().search("divipola", "bogota")->items.front()->code == "11001");
}

TEST_CASE("the word index finds exactly what a full scan finds") {
  const auto* cie10 = catalogs().get("cie10");
  for (const char* q : {"a", "neumo", "monia", "renal cron", "fractura de", "o80", "tumor maligno de", "ia", "zzz"}) {
    CAPTURE(q);
    const std::string fq = fold(q);
    std::vector<std::string> terms;
    for (std::size_t i = 0; i < fq.size();) {
      auto j = fq.find(' ', i);
      if (j == std::string::npos) j = fq.size();
      terms.push_back(fq.substr(i, j - i));
      i = j + 1;
    }
    std::string code_q;
    for (char c : std::string(q)) code_q.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    std::size_t expected = 0;
    for (const auto& item : cie10->items()) {
      const auto fd = fold(item.description);
      bool all = true;
      for (const auto& t : terms) all = all && fd.find(t) != std::string::npos;
      if (all || (code_q.find(' ') == std::string::npos && item.code.starts_with(code_q))) ++expected;
    }
    CHECK(cie10->search(q, 1, 10).total == expected);
  }
}
