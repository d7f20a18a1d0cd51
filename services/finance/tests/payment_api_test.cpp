// FIN-1, FIN-2 through HTTP (issue 18): the finance service in-process on port 0 next to real auth and
// affiliates, once per database backend.
#include <catch2/catch.hpp>

#include "finance_app.hpp"
#include "support/service_fixture.hpp"

using namespace portal;

namespace {

constexpr const char* kProvider = portal::test::kDemoProvider;
constexpr const char* kOtherProvider = "900000002";

class FinanceFixture : public portal::test::ServiceFixture<finance::FinanceApp> {
 public:
  FinanceFixture() : ServiceFixture("2026-03-25T15:00:00Z", {"finance", "PORTAL_FINANCE_", "4", {}}, {}) {}

  std::string finance() const { return employee("finance"); }
  HttpResult load(const std::string& vouchers, const std::string& token = "") {
    return post("/api/v1/payments/imports", R"({"vouchers":[)" + vouchers + "]}",
                token.empty() ? finance() : token);
  }
};

// A voucher of `nit` with `lines` invoice lines (suffixes 1..lines, prefix FE), optionally Giro Directo.
std::string voucher(const std::string& number, const std::string& nit, const std::string& date, int lines,
                    bool giro = false, const std::string& extra_line = "") {
  std::string out = R"({"voucher_number":")" + number + R"(","provider_nit":")" + nit +
                    R"(","payment_date":")" + date + R"(","payment_form":")" +
                    (giro ? "direct_transfer" : "transfer") + "\",";
  if (!giro) out += R"("bank":"Bancolombia","account_type":"savings","account_number":"4044236941",)";
  out += R"("document_number":"CE-)" + number + R"(","amount_paid":)" + std::to_string(lines * 1000000) +
         R"(,"support_email":"pagos@eps.example","support_at":"2026-03-22T20:30:00Z","invoices":[)";
  for (int i = 1; i <= lines; ++i) {
    if (i > 1) out += ",";
    out +=
        R"({"document_type":"FV","invoice_prefix":"FE","invoice_suffix":")" + std::to_string(i) +
        R"(","invoice_date":"2026-01-15","invoice_value":1200000,"net_value":1100000,"paid_value":1000000,)"
        R"("garnishments":50000,"iva":0,"retefuente":22000,"copay":3500})";
  }
  out += extra_line + "]}";
  return out;
}

}  // namespace

TEST_CASE_METHOD(FinanceFixture,
                 "FIN-1 a load creates, a reload replaces without duplicating, both audited") {
  auto first = load(voucher("P-1", kProvider, "2026-03-22", 3) + "," +
                    voucher("P-2", kProvider, "2026-03-23", 2, true));
  REQUIRE(first.status == 200);
  CHECK(first.json["created"].GetInt() == 2);
  CHECK(first.json["replaced"].GetInt() == 0);
  CHECK(first.json["lines_loaded"].GetInt() == 5);
  CHECK(count("SELECT COUNT(*) FROM payment_invoice_lines") == 5);

  auto again = load(voucher("P-1", kProvider, "2026-03-22", 2));
  REQUIRE(again.status == 200);
  CHECK(again.json["created"].GetInt() == 0);
  CHECK(again.json["replaced"].GetInt() == 1);
  CHECK(count("SELECT COUNT(*) FROM payment_vouchers") == 2);
  CHECK(count("SELECT COUNT(*) FROM payment_invoice_lines") == 4);  // P-1's three lines became two
  CHECK(count("SELECT COUNT(*) FROM audit_trail WHERE action = 'payments_loaded'") == 2);
}

TEST_CASE_METHOD(FinanceFixture,
                 "FIN-1 money overflow or decimals: a per-line error, the other vouchers load") {
  const std::string bad_line =
      R"(,{"document_type":"FV","invoice_prefix":"FE","invoice_suffix":"9","invoice_value":1000000.5,"paid_value":9999999999999999})";
  auto r = load(voucher("P-3", kProvider, "2026-03-22", 1) + "," +
                voucher("P-4", kProvider, "2026-03-22", 1, false, bad_line));
  REQUIRE(r.status == 200);
  CHECK(r.json["created"].GetInt() == 1);
  CHECK(r.json["rejected"].GetInt() == 1);
  const auto& errors = r.json["errors"];
  REQUIRE(errors.Size() == 2);
  CHECK(std::string(errors[0]["voucher_number"].GetString()) == "P-4");
  CHECK(errors[0]["line"].GetInt() == 2);
  CHECK(std::string(errors[0]["code"].GetString()) == "not_integer");
  CHECK(std::string(errors[1]["code"].GetString()) == "out_of_range");
  CHECK(count("SELECT COUNT(*) FROM payment_vouchers WHERE voucher_number = 'P-4'") == 0);

  // Nothing loadable: 422 naming every bad field.
  auto none = load(voucher("P-5", kProvider, "2026-03-22", 1, false, bad_line));
  CHECK(none.status == 422);
  CHECK(none.error_fields() == std::vector<std::string>{"vouchers[0].invoices[1].invoice_value:not_integer",
                                                        "vouchers[0].invoices[1].paid_value:out_of_range"});
}

TEST_CASE_METHOD(FinanceFixture, "FIN-1 CSV load with ';' and quotes, by the EPS's ERP client") {
  const std::string csv =
      "\xEF\xBB\xBFvoucher_number;provider_nit;payment_date;payment_form;bank;account_type;account_number;"
      "document_number;amount_paid;document_type;invoice_prefix;invoice_suffix;invoice_value;paid_value\r\n"
      "C-1;900000001;2026-03-22;transfer;\"Banco; \"\"Popular\"\"\";checking;77;CE-77;300;FV;FE;1;100;100\r\n"
      "C-1;900000001;2026-03-22;transfer;\"Banco; "
      "\"\"Popular\"\"\";checking;77;CE-77;300;FV;FE;2;200;200\r\n";
  const auto erp = client({"payments"}, std::nullopt);
  auto r =
      service::testing::request(app->port(), "POST", "/api/v1/payments/imports", csv, erp, "text/csv", {});
  REQUIRE(r.status == 200);
  CHECK(r.json["lines_loaded"].GetInt() == 2);
  auto listed = get("/api/v1/payments?number=C-1", finance());
  REQUIRE(listed.json["items"].Size() == 1);
  CHECK(std::string(listed.json["items"][0]["bank"].GetString()) == "Banco; \"Popular\"");

  // A provider's HIS, or a provider user, does not load payments.
  CHECK(service::testing::request(app->port(), "POST", "/api/v1/payments/imports", csv, client({"payments"}),
                                  "text/csv", {})
            .status == 403);
  CHECK(load(voucher("P-9", kProvider, "2026-03-22", 1), provider_admin()).status == 403);
}

TEST_CASE_METHOD(FinanceFixture,
                 "FIN-2 by period: only documents from 2017 on, the total paid, own provider only") {
  REQUIRE(load(voucher("OLD", kProvider, "2016-12-30", 1) + "," + voucher("N-1", kProvider, "2017-01-02", 1) +
               "," + voucher("N-2", kProvider, "2026-03-22", 2) + "," +
               voucher("X-1", kOtherProvider, "2026-03-22", 4))
              .status == 200);
  auto r = get("/api/v1/payments?from=2010-01-01&to=2026-12-31", provider_admin());
  REQUIRE(r.status == 200);
  REQUIRE(r.json["total"].GetInt() == 2);
  CHECK(std::string(r.json["items"][0]["voucher_number"].GetString()) == "N-2");  // newest first
  CHECK(r.json["total_paid"].GetInt64() == 3000000);
  CHECK(get("/api/v1/payments?number=OLD", provider_admin()).json["total"].GetInt() == 0);

  // EPS finance sees every provider, or one.
  CHECK(get("/api/v1/payments?from=2017-01-01&to=2026-12-31", finance()).json["total"].GetInt() == 3);
  CHECK(get("/api/v1/payments?from=2017-01-01&to=2026-12-31&provider_nit=900000002", finance())
            .json["total"]
            .GetInt() == 1);

  auto missing = get("/api/v1/payments", provider_admin());
  CHECK(missing.status == 422);
  CHECK(missing.error_fields() == std::vector<std::string>{"from:required", "to:required"});
}

TEST_CASE_METHOD(FinanceFixture,
                 "FIN-2 isolation: a delegate without payments is 403, another provider's voucher 404") {
  REQUIRE(load(voucher("I-1", kOtherProvider, "2026-03-22", 1)).status == 200);
  const auto id = count("SELECT id FROM payment_vouchers WHERE voucher_number = 'I-1'");
  CHECK(get("/api/v1/payments?from=2026-01-01&to=2026-12-31", delegate({"urgencies"})).status == 403);
  CHECK(get("/api/v1/payments/" + std::to_string(id), delegate({"urgencies"})).status == 403);
  CHECK(get("/api/v1/payments/" + std::to_string(id), delegate({"payments"})).status == 404);
  CHECK(get("/api/v1/payments/" + std::to_string(id) + "/invoices", provider_admin()).status == 404);
  CHECK(get("/api/v1/payments/" + std::to_string(id), finance()).status == 200);
  CHECK(get("/api/v1/payments?number=I-1", provider_admin()).json["total"].GetInt() == 0);
}

TEST_CASE_METHOD(FinanceFixture,
                 "FIN-2 detail: Giro Directo reads N/A, support date and time, 21 invoices per page") {
  REQUIRE(load(voucher("G-1", kProvider, "2026-03-22", 25, true)).status == 200);
  const auto id = std::to_string(count("SELECT id FROM payment_vouchers WHERE voucher_number = 'G-1'"));
  auto one = get("/api/v1/payments/" + id, delegate({"payments"}));
  REQUIRE(one.status == 200);
  CHECK(one.str("bank") == "N/A");
  CHECK(one.str("account_type") == "N/A");
  CHECK(one.str("account_number") == "N/A");
  CHECK(one.str("payment_form_label") == "Giro Directo/Cesión");
  CHECK(one.str("support_email") == "pagos@eps.example");
  CHECK(one.str("support_date") == "2026-03-22");
  CHECK(one.str("support_time") == "15:30");  // Bogotá

  auto page1 = get("/api/v1/payments/" + id + "/invoices", provider_admin());
  REQUIRE(page1.status == 200);
  CHECK(page1.json["per_page"].GetInt() == 21);
  CHECK(page1.json["items"].Size() == 21);
  CHECK(page1.json["total"].GetInt() == 25);
  CHECK(page1.json["items"][0]["garnishments"].GetInt64() == 50000);
  CHECK(get("/api/v1/payments/" + id + "/invoices?page=2", provider_admin()).json["items"].Size() == 4);
}

TEST_CASE_METHOD(FinanceFixture, "FIN-2 by invoice: prefix and suffix each with its message, both together") {
  REQUIRE(
      load(voucher("V-1", kProvider, "2026-03-22", 2) + "," + voucher("V-2", kOtherProvider, "2026-03-22", 2))
          .status == 200);
  auto found = get("/api/v1/payments/by-invoice?prefix=FE&suffix=2", provider_admin());
  REQUIRE(found.status == 200);
  REQUIRE(found.json["total"].GetInt() == 1);  // the other provider's FE2 is not ours
  CHECK(std::string(found.json["items"][0]["payment"]["voucher_number"].GetString()) == "V-1");
  CHECK(std::string(found.json["items"][0]["invoice"]["invoice_number"].GetString()) == "FE2");

  // EPS finance asks across providers; pages count every payment of the invoice.
  auto all = get("/api/v1/payments/by-invoice?prefix=FE&suffix=2&per_page=1", finance());
  CHECK(all.json["total"].GetInt() == 2);
  CHECK(all.json["items"].Size() == 1);
  CHECK(get("/api/v1/payments/by-invoice?prefix=FE&suffix=2&per_page=1&page=2", finance())
            .json["items"]
            .Size() == 1);

  auto messages = [&](const std::string& query) {
    auto r = get("/api/v1/payments/by-invoice" + query, provider_admin());
    CHECK(r.status == 422);
    std::vector<std::string> out;
    for (const auto& e : r.json["errors"].GetArray()) out.emplace_back(e["message"].GetString());
    return out;
  };
  const std::string prefix = "El campo \"Prefijo Factura\", no puede estar vacío";
  const std::string suffix = "El campo \"Sufijo Factura\", no puede estar vacío";
  CHECK(messages("?suffix=2") == std::vector<std::string>{prefix});
  CHECK(messages("?prefix=FE") == std::vector<std::string>{suffix});
  CHECK(messages("") == std::vector<std::string>{prefix, suffix});
}
