#include "policies.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "portal/http/cache_policy.hpp"
#include "portal/http/etag.hpp"

using namespace portal::http;

TEST_CASE("GW-3 request ids: sane ones are kept") {
  struct Row {
    std::string id;
    bool sane;
  };
  for (const auto& [id, sane] : {Row{"abc-123_X.y", true}, Row{std::string(64, 'a'), true},
                                 Row{std::string(65, 'a'), false}, Row{"", false}, Row{"a b", false},
                                 Row{"a\r\nX-Evil: 1", false}, Row{"é", false}, Row{"{json}", false}}) {
    CAPTURE(id);
    CHECK(policy::is_sane_request_id(id) == sane);
  }
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    auto id = policy::generate_request_id();
    CHECK(id.size() == 32);
    CHECK(policy::is_sane_request_id(id));
    ids.insert(id);
  }
  CHECK(ids.size() == 1000);
}

TEST_CASE("bearer tokens") {
  struct Row {
    const char* header;
    std::optional<std::string_view> token;
  };
  for (const auto& [header, token] : {Row{"Bearer abc.def.ghi", "abc.def.ghi"}, Row{"bearer  tok ", "tok"},
                                      Row{"Basic dXNlcjpwYXNz", std::nullopt}, Row{"Bearer", std::nullopt},
                                      Row{"Bearer ", std::nullopt}, Row{"Bearertok", std::nullopt}}) {
    CAPTURE(header);
    CHECK(policy::bearer_token(header) == token);
  }
}

TEST_CASE("keep-alive decision") {
  using O = std::optional<std::string_view>;
  CHECK(policy::keep_connection(true, std::nullopt));
  CHECK(policy::keep_connection(true, O{"keep-alive"}));
  CHECK_FALSE(policy::keep_connection(true, O{"close"}));
  CHECK_FALSE(policy::keep_connection(true, O{"Keep-Alive, Close"}));
  CHECK_FALSE(policy::keep_connection(false, std::nullopt));
  CHECK(policy::keep_connection(false, O{"Keep-Alive"}));
}

TEST_CASE("JSON media type") {
  CHECK(policy::is_json_media_type("application/json"));
  CHECK(policy::is_json_media_type("Application/JSON; charset=utf-8"));
  CHECK_FALSE(policy::is_json_media_type("application/problem+json"));
  CHECK_FALSE(policy::is_json_media_type("text/plain"));
  CHECK_FALSE(policy::is_json_media_type("application/jsonx"));
}

TEST_CASE("weak ETags and If-None-Match") {
  const auto tag = weak_etag(R"({"a":1})");
  CHECK(tag.size() == 20);
  CHECK(tag.rfind("W/\"", 0) == 0);
  CHECK(tag != weak_etag(R"({"a":2})"));
  CHECK(tag == weak_etag(R"({"a":1})"));
  CHECK(etag_list_matches(tag, tag));
  CHECK(etag_list_matches("\"x\", " + tag, tag));
  CHECK(etag_list_matches(tag.substr(2), tag));  // strong form of the same tag (weak comparison)
  CHECK(etag_list_matches("*", tag));
  CHECK_FALSE(etag_list_matches("W/\"0000000000000000\"", tag));
  CHECK_FALSE(etag_list_matches("", tag));
}

TEST_CASE("per-route body limits: method and path prefix on segment boundaries (issue 3)") {
  const std::vector<BodyLimit> limits = {{Method::post, "/api/v1/affiliates/imports", 256},
                                         {Method::post, "/files/", 64}};
  struct Row {
    Method method;
    std::string path;
    std::size_t expected;
  };
  const std::vector<Row> rows = {
      {Method::post, "/api/v1/affiliates/imports", 256},
      {Method::post, "/api/v1/affiliates/imports/42", 256},
      {Method::post, "/api/v1/affiliates/importsx", 10},
      {Method::put, "/api/v1/affiliates/imports", 10},
      {Method::post, "/api/v1/affiliates", 10},
      {Method::post, "/files/a", 64},
      {Method::post, "/files", 10},
      {Method::post, "/", 10},
  };
  for (const auto& row : rows) {
    INFO(row.path);
    CHECK(policy::body_limit(limits, 10, row.method, row.path) == row.expected);
  }
  CHECK(policy::body_limit({}, 10, Method::post, "/api/v1/affiliates/imports") == 10);
}

TEST_CASE("issue 10: the default Cache-Control by method and status") {
  struct Row {
    Method method;
    int status;
    std::string_view expected;
  };
  for (const auto& [method, status, expected] : {
           Row{Method::get, 200, cache::kPersonal},
           Row{Method::head, 200, cache::kPersonal},
           Row{Method::get, 304, cache::kPersonal},
           Row{Method::get, 206, cache::kPersonal},
           Row{Method::get, 404, cache::kNoStore},
           Row{Method::get, 401, cache::kNoStore},
           Row{Method::get, 503, cache::kNoStore},
           Row{Method::get, 302, cache::kNoStore},
           Row{Method::post, 200, cache::kNoStore},
           Row{Method::post, 201, cache::kNoStore},
           Row{Method::patch, 200, cache::kNoStore},
           Row{Method::del, 204, cache::kNoStore},
       }) {
    CAPTURE(to_string(method), status);
    CHECK(cache::default_for(method, status) == expected);
  }
}

TEST_CASE("issue 10: Vary keeps what was there and adds what is missing, once") {
  struct Row {
    std::string_view existing;
    std::vector<std::string_view> add;
    std::string_view expected;
  };
  for (const auto& [existing, add, expected] : {
           Row{"", {"Origin"}, "Origin"},
           Row{"", {"Origin", "Accept-Language"}, "Origin, Accept-Language"},
           Row{"Accept-Encoding", {"Origin"}, "Accept-Encoding, Origin"},
           Row{"origin, Accept-Language", {"Origin", "Accept-Language"}, "origin, Accept-Language"},
           Row{" Origin ,, Accept-Encoding", {"Origin"}, "Origin, Accept-Encoding"},
           Row{"*", {"Origin"}, "*"},
       }) {
    CAPTURE(existing);
    CHECK(policy::merge_vary(existing, add) == expected);
  }
}

TEST_CASE(
    "issue 20: a path prefix may have its own Content-Security-Policy; every other path keeps the strict "
    "one") {
  const std::string strict = "default-src 'none'; frame-ancestors 'none'";
  const std::vector<PathSecurityPolicy> policies = {{"/docs", "docs-policy"}};
  struct Row {
    std::string path;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"/docs", "docs-policy"},
      {"/docs/", "docs-policy"},
      {"/docs/assets/swagger-ui.css", "docs-policy"},
      {"/docs/openapi.json", "docs-policy"},
      {"/docsX", strict},
      {"/doc", strict},
      {"/api/v1/docs", strict},
      {"/", strict},
      {"", strict},
  };
  for (const auto& row : rows) {
    INFO(row.path);
    CHECK(policy::content_security_policy(policies, row.path) == row.expected);
  }
  CHECK(policy::content_security_policy({}, "/docs") == strict);
  bool listed = false;
  for (const auto& [name, value] : policy::security_headers())
    if (name == "Content-Security-Policy") listed = value == strict;
  CHECK(listed);
}
