// FIN-1/FIN-2 pure rules (issue 18): money, the 2017 floor, Giro Directo's bank fields, the load's per-line
// errors, the by-invoice messages and RFC 4180 text.
#include <catch2/catch.hpp>
#include <set>

#include "csv.hpp"
#include "demo_payments.hpp"
#include "payment.hpp"
#include "payment_load.hpp"
#include "payment_query.hpp"
#include "payment_sheet.hpp"
#include "portal/core/clock.hpp"
#include "portal/json/json.hpp"
#include "sheet_files.hpp"

using namespace portal;
using namespace portal::finance;

TEST_CASE("FIN-1 money is whole pesos in [0, 999999999999999]") {
  struct Row {
    const char* text;
    std::optional<long long> value;
    std::optional<std::string> code;
  };
  for (const auto& [text, value, code] :
       {Row{"0", 0LL, {}}, Row{"1800000000", 1800000000LL, {}}, Row{"999999999999999", 999999999999999LL, {}},
        Row{"1000000000000000", {}, "out_of_range"}, Row{"99999999999999999999999", {}, "out_of_range"},
        Row{"-5", {}, "out_of_range"}, Row{"1500.50", {}, "not_integer"}, Row{"1.800.000", {}, "not_integer"},
        Row{"1e6", {}, "not_integer"}, Row{"", {}, "not_integer"}, Row{"abc", {}, "not_integer"}}) {
    CAPTURE(text);
    const auto r = parse_money(text, "paid_value");
    CHECK(r.value == value);
    CHECK((r.error ? std::optional{r.error->code} : std::nullopt) == code);
  }
}

TEST_CASE("FIN-1 a period starting before 2017 starts on 1 January 2017") {
  struct Row {
    const char* from;
    const char* shown;
  };
  for (const auto& [from, shown] : {Row{"2010-05-01", "2017-01-01"}, Row{"2016-12-31", "2017-01-01"},
                                    Row{"2017-01-01", "2017-01-01"}, Row{"2024-03-19", "2024-03-19"}}) {
    CAPTURE(from);
    CHECK(core::format_date(first_day_shown(*core::parse_date(from))) == shown);
  }
}

namespace {
Voucher voucher(PaymentForm form) {
  Voucher v;
  v.voucher_number = "2000013448";
  v.payment_form = form;
  v.bank = "Bancolombia";
  v.account_type = "savings";
  v.account_number = "4044236941";
  InvoiceLine l;
  l.invoice_prefix = "FE";
  l.invoice_suffix = "1234";
  v.lines.push_back(l);
  return v;
}
}  // namespace

TEST_CASE("FIN-1 bank fields: required for a transfer, dropped for Giro Directo/Cesión") {
  core::FieldErrors errors;
  auto giro = voucher(PaymentForm::direct_transfer);
  check_voucher(giro, "", errors);
  CHECK(errors.empty());
  CHECK_FALSE(giro.bank);
  CHECK_FALSE(giro.account_number);
  CHECK(giro.lines[0].invoice_number == "FE1234");  // defaults filled in
  CHECK(giro.lines[0].applied_suffix == "1234");
  CHECK(giro.lines[0].source_number == "2000013448");

  auto transfer = voucher(PaymentForm::transfer);
  transfer.bank.reset();
  transfer.account_number = "";
  check_voucher(transfer, "v.", errors);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].field == "v.bank");
  CHECK(errors[1].field == "v.account_number");
}

namespace {
ReadLoad load_json(const std::string& body, core::FieldErrors& body_errors) {
  auto parsed = json::parse(body);
  REQUIRE(parsed.ok());
  return read_load_json(parsed.doc, body_errors);
}
const char* kGoodVoucher =
    R"({"voucher_number":"A1","provider_nit":"900000001","payment_date":"2026-03-22","payment_form":"transfer",
        "bank":"Bancolombia","account_type":"savings","account_number":"4044236941","document_number":"CE-1",
        "amount_paid":1800000,"invoices":[{"document_type":"FV","invoice_prefix":"FE","invoice_suffix":"1",
        "invoice_value":1000000,"paid_value":900000}]})";
}  // namespace

TEST_CASE("FIN-1 a load refuses a voucher with a bad line, names the line, and keeps the others") {
  core::FieldErrors body_errors;
  const std::string bad =
      R"({"voucher_number":"A2","provider_nit":"900000001","payment_date":"2026-03-22","payment_form":"direct_transfer",
          "document_number":"CE-2","amount_paid":5,"invoices":[
            {"document_type":"FV","invoice_suffix":"7","invoice_value":10,"paid_value":10},
            {"document_type":"FV","invoice_suffix":"8","invoice_value":10.5,"paid_value":99999999999999999999}]})";
  const auto r = load_json(
      std::string(R"({"vouchers":[)") + kGoodVoucher + "," + bad + "," + kGoodVoucher + "]}", body_errors);
  CHECK(body_errors.empty());
  CHECK(r.received == 3);
  REQUIRE(r.accepted.size() == 1);
  CHECK(r.accepted[0].voucher_number == "A1");
  CHECK(r.rejected == 2);
  std::vector<std::string> seen;
  for (const auto& e : r.errors)
    seen.push_back(e.voucher_number + "@" + (e.line ? std::to_string(*e.line) : "-") + ":" + e.error.field +
                   ":" + e.error.code);
  CHECK(seen == std::vector<std::string>{"A2@2:vouchers[1].invoices[1].invoice_value:not_integer",
                                         "A2@2:vouchers[1].invoices[1].paid_value:out_of_range",
                                         "A1@-:vouchers[2].voucher_number:duplicate_in_load"});
}

TEST_CASE("FIN-1 a body without vouchers is refused as a whole") {
  core::FieldErrors body_errors;
  load_json(R"({"vouchers":[]})", body_errors);
  REQUIRE(body_errors.size() == 1);
  CHECK(body_errors[0].field == "vouchers");
}

TEST_CASE("FIN-1 CSV load: rows grouped by voucher, per-line errors with the file's line") {
  const std::string text =
      std::string(csv::kUtf8Bom) +
      "voucher_number;provider_nit;payment_date;payment_form;bank;account_type;account_number;document_"
      "number;"
      "amount_paid;document_type;invoice_prefix;invoice_suffix;invoice_value;paid_value\r\n"
      "B1;900000001;2026-03-22;transfer;\"Banco; de Bogotá\";savings;123;CE-9;300;FV;FE;1;100;100\r\n"
      "B1;900000001;2026-03-22;transfer;\"Banco; de Bogotá\";savings;123;CE-9;300;FV;FE;2;200;200\r\n"
      "B2;900000001;2026-03-23;direct_transfer;;;;CE-10;50;FV;FE;3;50;50,5\r\n";
  core::FieldErrors body_errors;
  const auto r = read_load_csv(text, body_errors);
  CHECK(body_errors.empty());
  CHECK(r.received == 2);
  REQUIRE(r.accepted.size() == 1);
  CHECK(r.accepted[0].bank == "Banco; de Bogotá");
  CHECK(r.accepted[0].lines.size() == 2);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].voucher_number == "B2");
  CHECK(r.errors[0].line == 4);
  CHECK(r.errors[0].error.code == "not_integer");
}

TEST_CASE("FIN-1 CSV load without a required column names it") {
  core::FieldErrors body_errors;
  read_load_csv("voucher_number,provider_nit\nX,1\n", body_errors);
  CHECK(body_errors.size() == 8);
}

TEST_CASE("FIN-2 by invoice: each missing field with the manual's own message, both at once") {
  struct Row {
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> messages;
  };
  const std::string prefix_msg = "El campo \"Prefijo Factura\", no puede estar vacío";
  const std::string suffix_msg = "El campo \"Sufijo Factura\", no puede estar vacío";
  for (const auto& [params, messages] :
       {Row{{{"prefix", "FE"}, {"suffix", "1"}}, {}}, Row{{{"suffix", "1"}}, {prefix_msg}},
        Row{{{"prefix", "FE"}, {"suffix", "  "}}, {suffix_msg}}, Row{{}, {prefix_msg, suffix_msg}}}) {
    http::QueryParams query(params.begin(), params.end());
    core::FieldErrors errors;
    read_invoice_query(query, errors);
    std::vector<std::string> got;
    for (const auto& e : errors) got.push_back(e.message.es);
    CHECK(got == messages);
  }
}

TEST_CASE("FIN-2 by period: from and to required, in order") {
  struct Row {
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> errors;
  };
  for (const auto& [params, expected] :
       {Row{{{"from", "2024-03-19"}, {"to", "2024-04-05"}}, {}}, Row{{}, {"from:required", "to:required"}},
        Row{{{"from", "2024-04-05"}, {"to", "2024-03-19"}}, {"to:before_from"}},
        Row{{{"from", "19/03/2024"}, {"to", "2024-04-05"}}, {"from:invalid_format"}},
        Row{{{"number", "2000013448"}}, {}}}) {
    http::QueryParams query(params.begin(), params.end());
    core::FieldErrors errors;
    read_payments_query(query, errors);
    std::vector<std::string> got;
    for (const auto& e : errors) got.push_back(e.field + ":" + e.code);
    CHECK(got == expected);
  }
}

TEST_CASE("RFC 4180 fields: quoted when they must be, read back the same") {
  const std::vector<std::string> fields = {"plain", "with;semicolon", "with \"quotes\"", "two\nlines",
                                           "Ñandú"};
  for (char sep : {';', ','}) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) line += sep;
      csv::append_field(line, fields[i], sep);
    }
    std::vector<csv::Record> records;
    REQUIRE(csv::read(line + "\r\n", sep, records));
    REQUIRE(records.size() == 1);
    CHECK(records[0].fields == fields);
  }
}

TEST_CASE("issue 18 demo data: a year of vouchers, every payment form, garnishments, one before 2017") {
  const auto vouchers = demo_vouchers(*core::parse_date("2026-03-25"));
  std::set<PaymentForm> forms;
  bool garnished = false;
  int before_2017 = 0;
  for (auto v : vouchers) {
    forms.insert(v.payment_form);
    core::FieldErrors errors;
    check_voucher(v, "", errors);
    CAPTURE(v.voucher_number);
    CHECK(errors.empty());
    long long paid = 0;
    for (const auto& l : v.lines) {
      garnished = garnished || l.garnishments > 0;
      paid += l.paid_value;
      CHECK(l.paid_value >= 0);
    }
    CHECK(paid == v.amount_paid);
    if (v.payment_date < "2017-01-01") ++before_2017;
  }
  CHECK(forms.size() == kPaymentFormCodes.size());
  CHECK(garnished);
  CHECK(before_2017 == 1);
  CHECK(vouchers.size() == 49);
}

TEST_CASE("FIN-3 layouts, file names and shown dates") {
  CHECK(headers(Layout::sos).size() == 19);  // manual 003 §5.1
  CHECK(headers(Layout::sos).front() == "NIT");
  CHECK(headers(Layout::sos).back() == "NO_RADICADO");
  CHECK(headers(Layout::zonaser).size() == 28);
  CHECK(parse_layout("sos") == Layout::sos);
  CHECK_FALSE(parse_layout("SOS"));
  // Bogotá time (UTC-5), as the portals stamp their files.
  CHECK(download_name(*core::parse_rfc3339("2026-03-25T04:05:06Z"), "xlsx") ==
        "Resumen-Facturas-Pagas_20260324230506.xlsx");
  CHECK(display_date("2026-03-22") == "22/03/2026");
  CHECK(display_date("") == "");

  Table t;
  auto giro = voucher(PaymentForm::direct_transfer);
  core::FieldErrors errors;
  check_voucher(giro, "", errors);
  append_voucher(t, Layout::sos, giro, giro.lines);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0][2].text == "N/A");  // NÚMERO CUENTA BANCO
  CHECK(to_csv(t, ';').starts_with("\xEF\xBB\xBFNIT;TIPO DE PAGO;"));
}

TEST_CASE("FIN-1 CSV loads are UTF-8: a Windows-1252 file is refused as a whole") {
  struct Row {
    std::string text;
    bool valid;
  };
  for (const auto& [text, valid] :
       {Row{"Bogotá Ñandú €", true}, Row{"plain", true}, Row{"\xF0\x9F\x98\x80", true},
        Row{"Bogot\xE1", false}, Row{"\xC3", false}, Row{"\xC0\xAF", false}, Row{"\xED\xA0\x80", false},
        Row{"\xF4\x90\x80\x80", false}}) {
    CAPTURE(text);
    CHECK(csv::valid_utf8(text) == valid);
  }
  core::FieldErrors body_errors;
  read_load_csv("voucher_number;bank\nX;Banco de Bogot\xE1\n", body_errors);
  REQUIRE(body_errors.size() == 1);
  CHECK(body_errors[0].code == "invalid_encoding");
}
