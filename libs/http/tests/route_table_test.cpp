#include <catch2/catch.hpp>

#include "route_table.hpp"

using namespace portal::http;

namespace {

RouteTable sample() {
  RouteTable t;
  t.add(Method::get, "/api/v1/users", 0);
  t.add(Method::post, "/api/v1/users", 1);
  t.add(Method::get, "/api/v1/users/:id", 2);
  t.add(Method::get, "/api/v1/users/me", 3);
  t.add(Method::patch, "/api/v1/users/:id", 4);
  t.add(Method::get, "/api/v1/*", 5);
  t.add(Method::get, "/a/:x/c", 6);
  t.add(Method::get, "/a/b/:y", 7);
  t.add(Method::get, "/healthz", 8);
  return t;
}

}  // namespace

TEST_CASE("route precedence: literal over parameter over *") {
  const RouteTable t = sample();
  struct Row {
    Method method;
    const char* path;
    RouteMatch::Kind kind;
    std::size_t index;
  };
  using K = RouteMatch::Kind;
  for (const auto& [method, path, kind, index] : {
           Row{Method::get, "/api/v1/users", K::found, 0},
           Row{Method::post, "/api/v1/users", K::found, 1},
           Row{Method::get, "/api/v1/users/42", K::found, 2},
           Row{Method::get, "/api/v1/users/me", K::found, 3},
           Row{Method::patch, "/api/v1/users/me", K::found, 4},
           Row{Method::get, "/api/v1/users/42/extra", K::found, 5},
           Row{Method::get, "/api/v1/other", K::found, 5},
           Row{Method::get, "/api/v1", K::found, 5},
           Row{Method::get, "/a/b/c", K::found, 7},
           Row{Method::get, "/a/z/c", K::found, 6},
           Row{Method::head, "/healthz", K::found, 8},
           Row{Method::get, "/api/v1/users/", K::found, 5},
           Row{Method::del, "/api/v1/users/42", K::method_not_allowed, 0},
           Row{Method::put, "/healthz", K::method_not_allowed, 0},
           Row{Method::get, "/nothing", K::not_found, 0},
           Row{Method::get, "/healthz/x", K::not_found, 0},
           Row{Method::get, "/", K::not_found, 0},
       }) {
    CAPTURE(to_string(method), path);
    const auto m = t.match(method, path);
    CHECK(m.kind == kind);
    if (kind == K::found) CHECK(m.index == index);
  }
}

TEST_CASE("405 lists the methods the path supports") {
  const RouteTable t = sample();
  const auto m = t.match(Method::del, "/api/v1/users/42");
  REQUIRE(m.kind == RouteMatch::Kind::method_not_allowed);
  CHECK(m.allowed == std::vector<Method>{Method::get, Method::head, Method::patch});
}

TEST_CASE("path parameters are percent-decoded; * keeps the raw rest") {
  const RouteTable t = sample();
  auto m = t.match(Method::get, "/api/v1/users/a%20b%C3%B1");
  REQUIRE(m.kind == RouteMatch::Kind::found);
  CHECK(m.route_template == "/api/v1/users/:id");
  CHECK(m.params.at("id") == "a b\xC3\xB1");
  m = t.match(Method::get, "/api/v1/x/y%20z");
  CHECK(m.params.at("*") == "x/y%20z");
  CHECK(t.match(Method::get, "/api/v1/users/%zz").kind == RouteMatch::Kind::bad_path);
}

TEST_CASE("malformed and duplicate templates are refused") {
  RouteTable t;
  t.add(Method::get, "/x/:id", 0);
  CHECK_THROWS_AS(t.add(Method::get, "/x/:other", 1), std::invalid_argument);
  CHECK_NOTHROW(t.add(Method::post, "/x/:id", 1));
  CHECK_THROWS_AS(t.add(Method::get, "/a/*/b", 2), std::invalid_argument);
  CHECK_THROWS_AS(t.add(Method::get, "no-slash", 2), std::invalid_argument);
  CHECK_THROWS_AS(t.add(Method::get, "/a/:", 2), std::invalid_argument);
  CHECK(t.routes().size() == 2);
}
