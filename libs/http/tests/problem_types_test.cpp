// Issue 10: problem types resolve to pages, and each carries its own title — the one its answers carry.
#include "portal/http/problem_types.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "portal/http/problem.hpp"

using namespace portal;

TEST_CASE("issue 10: the problem type catalog is sorted, unique and complete in both languages") {
  const auto& types = http::problem_types();
  REQUIRE_FALSE(types.empty());
  for (std::size_t i = 0; i < types.size(); ++i) {
    CAPTURE(types[i].code);
    if (i > 0) CHECK(types[i - 1].code < types[i].code);
    CHECK(types[i].status >= 400);
    CHECK(types[i].status <= 599);
    CHECK_FALSE(types[i].title.es.empty());
    CHECK_FALSE(types[i].title.en.empty());
    CHECK_FALSE(types[i].description.es.empty());
    CHECK_FALSE(types[i].description.en.empty());
    CHECK(http::find_problem_type(types[i].code) == &types[i]);
  }
  CHECK(http::find_problem_type("no_such_code") == nullptr);
}

TEST_CASE("issue 10: every 409 has its own title") {
  std::set<std::string> es, en;
  int conflicts = 0;
  for (const auto& t : http::problem_types()) {
    if (t.status != 409) continue;
    ++conflicts;
    CAPTURE(t.code);
    CHECK(es.insert(t.title.es).second);
    CHECK(en.insert(t.title.en).second);
    CHECK(t.title.es != "Conflicto");
  }
  CHECK(conflicts >= 2);
  const auto p = http::conflict("username_taken", {"x", "x"});
  CHECK(p.title.es == http::find_problem_type("username_taken")->title.es);
  CHECK(p.title.en == http::find_problem_type("username_taken")->title.en);
}

TEST_CASE("issue 10: libs/http's own problems carry the status and title of their type") {
  for (const auto& p : {http::malformed_json("a", "b"),
                        http::validation_failed({}),
                        http::bad_request({}),
                        http::unauthorized(),
                        http::forbidden(),
                        http::not_found(),
                        http::route_not_found(),
                        http::method_not_allowed(),
                        http::payload_too_large(10),
                        http::unsupported_media_type(),
                        http::too_many_requests(),
                        http::internal_error(),
                        http::service_unavailable("x"),
                        http::gateway_timeout("x"),
                        http::overloaded(),
                        http::not_ready("x"),
                        http::storage_unavailable(),
                        http::storage_busy(),
                        http::storage_conflict(),
                        http::invalid_path(),
                        http::request_timeout(),
                        http::malformed_request(),
                        http::too_deep()}) {
    CAPTURE(p.code);
    const auto* type = http::find_problem_type(p.code);
    REQUIRE(type != nullptr);
    CHECK(type->status == p.status);
    CHECK(type->title.es == p.title.es);
    CHECK(type->title.en == p.title.en);
  }
}

TEST_CASE("issue 10: a problem's type is /problems/<code> and its page is plain HTML in the asked language") {
  const auto r = http::problem_response(http::not_found(), core::Lang::es);
  CHECK(r.body.find(R"("type":"/problems/not_found")") != std::string::npos);
  const auto* type = http::find_problem_type("payload_too_large");
  REQUIRE(type != nullptr);
  const auto es = http::problem_type_page(*type, core::Lang::es);
  CHECK(es.find("<html lang=\"es\">") != std::string::npos);
  CHECK(es.find("<h1>Contenido demasiado grande</h1>") != std::string::npos);
  CHECK(es.find("<script") == std::string::npos);
  const auto en = http::problem_type_page(*type, core::Lang::en);
  CHECK(en.find("<h1>Payload too large</h1>") != std::string::npos);
  const http::ProblemType hostile{"x", 400, {"<b>&", "<b>&"}, {"\"'", "\"'"}};
  const auto page = http::problem_type_page(hostile, core::Lang::en);
  CHECK(page.find("<b>") == std::string::npos);
  CHECK(page.find("&lt;b&gt;&amp;") != std::string::npos);
  CHECK(page.find("&quot;&#39;") != std::string::npos);
}
