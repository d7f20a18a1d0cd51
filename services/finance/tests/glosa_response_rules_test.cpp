// FIN-6 (issue 19): each row rule and each response-code rule of a glosa response upload, as tables.
#include "glosa_response_rules.hpp"

#include <catch2/catch.hpp>

using namespace portal::finance;
using namespace std::chrono;

namespace {
constexpr auto g2284 = GlosaGeneration::res2284;
constexpr auto g3047 = GlosaGeneration::res3047;
constexpr year_month_day kDeadline = 2026y / April / 8;
constexpr year_month_day kToday = 2026y / April / 1;
}  // namespace

TEST_CASE("FIN-6: the row rules and the response codes of each generation") {
  struct Case {
    const char* name;
    GlosaGeneration generation;
    bool answered;
    const char* code;
    long long accepted, sustained;
    year_month_day today;
    RowStatus status;
    const char* reason;
    const char* stored_code;
  };
  const long long glosa = 1000;
  for (const auto& c : std::vector<Case>{
           {"fully accepted, 2284", g2284, false, "RE9702", 1000, 0, kToday, RowStatus::loaded, "ok",
            "RE9702"},
           {"fully accepted, 3047", g3047, false, "997", 1000, 0, kToday, RowStatus::loaded, "ok", "997"},
           {"RE97 with less than the glosa", g2284, false, "RE9702", 400, 600, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"997 with less than the glosa", g3047, false, "997", 0, 1000, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"not accepted, 2284", g2284, false, "RE9901", 0, 1000, kToday, RowStatus::loaded, "ok", "RE9901"},
           {"RE99 accepting something", g2284, false, "RE9901", 10, 990, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"999 accepting something", g3047, false, "999", 10, 0, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"partially accepted", g2284, false, "RE9801", 300, 700, kToday, RowStatus::loaded, "ok",
            "RE9801"},
           {"998 with everything accepted", g3047, false, "998", 1000, 0, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"unjustified, 100 % lifted", g2284, false, "RE9602", 0, 1000, kToday, RowStatus::loaded, "ok",
            "RE9602"},
           {"a 4-character group is not a response", g2284, false, "RE97", 1000, 0, kToday,
            RowStatus::refused, "invalid_response_code", ""},
           {"a 3047 code under 2284", g2284, false, "997", 1000, 0, kToday, RowStatus::refused,
            "invalid_response_code", ""},
           {"a 2284 code under 3047", g3047, false, "RE9702", 1000, 0, kToday, RowStatus::refused,
            "invalid_response_code", ""},
           {"RE22 is the EPS's, not the provider's", g2284, false, "RE2202", 0, 0, kToday, RowStatus::refused,
            "invalid_response_code", ""},
           {"accepted + sustained over the glosa", g2284, false, "RE9801", 600, 500, kToday,
            RowStatus::refused, "over_glosa_value", ""},
           {"already answered", g2284, true, "RE9702", 1000, 0, kToday, RowStatus::refused,
            "already_answered", ""},
           {"past the deadline: loaded, flagged", g2284, false, "RE9702", 1000, 0, 2026y / April / 9,
            RowStatus::loaded_late, "late", "RE9702"},
           {"on the deadline day: on time", g2284, false, "RE9702", 1000, 0, kDeadline, RowStatus::loaded,
            "ok", "RE9702"},
           {"no code, all accepted → RE9702", g2284, false, "", 1000, 0, kToday, RowStatus::loaded, "ok",
            "RE9702"},
           {"no code, nothing accepted → 999", g3047, false, "", 0, 1000, kToday, RowStatus::loaded, "ok",
            "999"},
           {"no code, part accepted → RE9801", g2284, false, "", 200, 800, kToday, RowStatus::loaded, "ok",
            "RE9801"},
       }) {
    CAPTURE(c.name);
    AnsweredLine line{glosa, c.generation, kDeadline, c.answered};
    const auto out = check_response_row({"FE|1", c.code, c.accepted, c.sustained}, &line, c.today);
    CHECK(out.status == c.status);
    CHECK(out.code == c.reason);
    if (out.status != RowStatus::refused) CHECK(out.response_code == c.stored_code);
  }
  const auto unknown = check_response_row({"FE|1", "RE9702", 1, 0}, nullptr, kToday);
  CHECK(unknown.status == RowStatus::refused);
  AnsweredLine line{glosa, g2284, kDeadline, false};
  CHECK(check_response_row({"FE|1", "RE9801", 600, 500}, &line, kToday).message == kOverValueText);
  line.already_answered = true;
  CHECK(check_response_row({"FE|1", "RE9702", 1000, 0}, &line, kToday).message == kAlreadyAnsweredText);
  line.already_answered = false;
  CHECK(check_response_row({"FE|1", "RE9702", 1000, 0}, &line, 2026y / May / 4).message == kLateText);
}

TEST_CASE("FIN-6: the rows of an invoice fail together; an invoice must be answered whole") {
  const std::vector<ResponseRow> rows = {
      {"FE|1", "RE9702", 1000, 0}, {"FE|1", "RE9901", 0, 500},    // invoice 1, complete
      {"FE|2", "RE9702", 700, 0},                                 // invoice 2, one detail missing in the file
      {"FE|3", "RE9702", 100, 0},  {"FE|3", "RE9801", 900, 900},  // invoice 3, its second row refused
  };
  std::vector<RowOutcome> outcomes(rows.size(), RowOutcome{RowStatus::loaded, "ok", kLoadedText, ""});
  outcomes[4] = {RowStatus::refused, "over_glosa_value", kOverValueText, ""};
  apply_invoice_rule(rows, outcomes, [](const std::string& invoice) { return invoice == "FE|2" ? 1 : 0; });
  CHECK(outcomes[0].status == RowStatus::loaded);
  CHECK(outcomes[1].status == RowStatus::loaded);
  CHECK(outcomes[2].status == RowStatus::refused);
  CHECK(outcomes[2].message == kIncompleteInvoiceText);
  CHECK(outcomes[3].status == RowStatus::refused);
  CHECK(outcomes[3].message == kIncompleteInvoiceText);
  CHECK(outcomes[4].message == kOverValueText);  // keeps its own reason
  // REG-3: the credit note covers what was accepted in the loaded rows only.
  CHECK(credit_note_amount(rows, outcomes) == 1000);
}
