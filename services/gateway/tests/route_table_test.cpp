#include "route_table.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

using portal::gateway::default_route_table;
using portal::gateway::RouteTable;

TEST_CASE("GW-1 route table: longest prefix on segment boundaries") {
  RouteTable table({{"/api/v1/auth", "auth"},
                    {"/api/v1/users", "auth"},
                    {"/api/v1/users/reports", "reports"},
                    {"/api/v1/affiliates", "affiliates"}});
  struct Row {
    const char* path;
    std::optional<std::string> upstream;
  };
  for (auto [path, upstream] :
       {Row{"/api/v1/users", "auth"}, Row{"/api/v1/users/", "auth"}, Row{"/api/v1/users/7", "auth"},
        Row{"/api/v1/users/reports", "reports"}, Row{"/api/v1/users/reports/2026", "reports"},
        Row{"/api/v1/users/reportsX", "auth"}, Row{"/api/v1/usersX", std::nullopt},
        Row{"/api/v1/user", std::nullopt}, Row{"/api/v1/affiliates/123/history", "affiliates"},
        Row{"/api/v1", std::nullopt}, Row{"/", std::nullopt}, Row{"", std::nullopt},
        Row{"/API/v1/users", std::nullopt}}) {
    CAPTURE(path);
    CHECK(table.upstream_for(path) == upstream);
  }
}

TEST_CASE("GW-1 default table sends every issue-2 area to auth and nothing else") {
  const auto table = default_route_table();
  for (const char* path :
       {"/api/v1/auth/login", "/api/v1/registration", "/api/v1/me", "/api/v1/users/3", "/api/v1/employees",
        "/api/v1/providers/900000001", "/api/v1/clients", "/api/v1/policies/current", "/api/v1/contact-cases",
        "/api/v1/contact-cases/7", "/api/v1/surveys", "/api/v1/surveys/results"}) {
    CAPTURE(path);
    CHECK(table.upstream_for(path) == std::optional<std::string>{"auth"});
  }
  for (const char* path :
       {"/api/v1/affiliates", "/api/v1/affiliates/imports/x", "/api/v1/calls", "/api/v1/catalogs/cie10"}) {
    CAPTURE(path);
    CHECK(table.upstream_for(path) == std::optional<std::string>{"affiliates"});
  }
  for (const char* path : {"/api/v1/urgencies", "/api/v1/urgencies/42/annex2.pdf"}) {  // issue 4
    CAPTURE(path);
    CHECK(table.upstream_for(path) == std::optional<std::string>{"urgencies"});
  }
  for (const char* path :
       {"/api/v1/authorization-requests", "/api/v1/authorization-requests/7/annex3.pdf",
        "/api/v1/authorization-rules/evaluate", "/api/v1/provider-contracts/900000001"}) {  // issue 12
    CAPTURE(path);
    CHECK(table.upstream_for(path) == std::optional<std::string>{"authorizations"});
  }
  for (const char* path :
       {"/api/v1/payments", "/api/v1/payments/by-invoice", "/api/v1/payments/7/invoices.xlsx",
        "/api/v1/payments.xlsx", "/api/v1/payments/imports", "/api/v1/portfolio-requests/template.xlsx",
        "/api/v1/portfolio-requests/3/result.xlsx", "/api/v1/portfolio-invoices/imports", "/api/v1/glosas",
        "/api/v1/glosas/conciliations/2053.xlsx", "/api/v1/glosas/imports",
        "/api/v1/glosa-responses/4"}) {  // issues 18, 19
    CAPTURE(path);
    CHECK(table.upstream_for(path) == std::optional<std::string>{"finance"});
  }
  for (const char* path :
       {"/api/v1/referrals", "/api/v1/referrals/7/steps", "/api/v1/referrals/7/document.pdf"}) {
    CAPTURE(path);  // issue 16
    CHECK(table.upstream_for(path) == std::optional<std::string>{"referrals"});
  }
  for (const char* path :
       {"/api/v1/webhooks", "/api/v1/webhooks/3/deliveries", "/api/v1/events"}) {  // issue 15
    CAPTURE(path);
    CHECK(table.upstream_for(path) == std::optional<std::string>{"events"});
  }
  for (const char* path : {"/api/v1/inconsistency-reports", "/api/v1/inconsistency-reports/3/attachment",
                           "/api/v1/inconsistency-reports/3/processing"}) {  // issue 17
    CAPTURE(path);
    CHECK(table.upstream_for(path) == std::optional<std::string>{"inconsistencies"});
  }
  for (const char* path :
       {"/api/v1/meX", "/api/v1/urgenciesX", "/healthz", "/api/v1/authX/login", "/api/v1/paymentsX",
        "/internal/v1/events", "/api/v1/eventsX", "/api/v1/inconsistency-reportsX", "/api/v1/referralsX"}) {
    CAPTURE(path);
    CHECK_FALSE(table.upstream_for(path).has_value());
  }
}
