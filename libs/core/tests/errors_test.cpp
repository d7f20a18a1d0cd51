#include "portal/core/errors.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "portal/core/log.hpp"

using namespace portal::core;

TEST_CASE("issue 10: Accept-Language is negotiated by weight (RFC 9110 §12.5.4), Spanish by default") {
  struct Row {
    const char* header;
    Lang lang;
  };
  for (auto [header, lang] : {
           Row{"", Lang::es},
           Row{"en", Lang::en},
           Row{"EN", Lang::en},
           Row{"en-US", Lang::en},  // lookup: the primary subtag is enough
           Row{"en-US,en;q=0.9", Lang::en},
           Row{"es-CO,en;q=0.5", Lang::es},
           Row{"en;q=0.1, es;q=0.9", Lang::es},  // the q-values decide, not the order
           Row{"es;q=0.4,en;q=0.6", Lang::en},
           Row{"en;q=0.5, es;q=0.5", Lang::en},  // a tie: the first listed
           Row{"es;q=0.5, en;q=0.5", Lang::es},
           Row{"fr, en;q=0.3", Lang::en},  // French is not spoken: English is the acceptable one
           Row{"fr", Lang::es},
           Row{"eng", Lang::es},
           Row{"en;q=0", Lang::es},           // "not English"
           Row{"es;q=0, *;q=0.1", Lang::en},  // "*" stands for English here
           Row{"*", Lang::es},
           Row{"en-GB;q=0.2, en;q=0.9, es;q=0.8", Lang::en},
           Row{"en;q=1.000", Lang::en},
           Row{"en;q=1.5", Lang::es},  // malformed weight: the range is ignored
           Row{"en;q=0.12345", Lang::es},
           Row{"en;level=1", Lang::es},
           Row{" , ,en", Lang::en},
           Row{"en\t;\tq=0.7 , es;q=0.6", Lang::en},
       }) {
    CAPTURE(header);
    CHECK(lang_from_accept_language(header) == lang);
  }
  CHECK(language_tag(Lang::es) == "es");
  CHECK(language_tag(Lang::en) == "en");
}

TEST_CASE("log lines are single JSON objects with escaped fields") {
  std::ostringstream out;
  Logger log{"test", LogLevel::info, &out};
  log.info("hello", {{"request_id", "a\"b\n"}, {"status", 200}, {"ok", true}});
  log.log(LogLevel::debug, "hidden");
  auto s = out.str();
  CHECK(s.find("\"event\":\"hello\"") != std::string::npos);
  CHECK(s.find("\"request_id\":\"a\\\"b\\n\"") != std::string::npos);
  CHECK(s.find("\"status\":200") != std::string::npos);
  CHECK(s.find("hidden") == std::string::npos);
  CHECK(std::count(s.begin(), s.end(), '\n') == 1);
}
