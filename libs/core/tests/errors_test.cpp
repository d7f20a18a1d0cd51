#include <catch2/catch.hpp>

#include "portal/core/errors.hpp"
#include "portal/core/log.hpp"
#include <sstream>

using namespace portal::core;

TEST_CASE("Accept-Language: Spanish unless English comes first") {
  struct Row {
    const char* header;
    Lang lang;
  };
  for (auto [header, lang] : {Row{"", Lang::es}, Row{"en", Lang::en}, Row{"en-US,en;q=0.9", Lang::en},
                              Row{"es-CO,en;q=0.5", Lang::es}, Row{"EN", Lang::en}, Row{"eng", Lang::es},
                              Row{"fr", Lang::es}}) {
    CAPTURE(header);
    CHECK(lang_from_accept_language(header) == lang);
  }
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
