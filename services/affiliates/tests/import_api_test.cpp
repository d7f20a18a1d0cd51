// AFF-4 bulk roster load over HTTP: 202 + job, per-line rejection report with the rest loaded,
// idempotent (same file = same job; rows are upserts), resumable after a restart.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "affiliates_test_support.hpp"

using namespace portal::affiliates::test;

namespace {

const std::string kHeader =
    "document_type,document_number,first_name,second_name,first_surname,second_surname,birth_date,sex,regime,"
    "affiliation_status,data_quality,municipality_code,address,phone,mobile,email,"
    "newborn_of_type,newborn_of_number,child_number\n";

std::string good(int n, const std::string& status = "active") {
  return "CC," + std::to_string(2000000000 + n) + ",Ana,,Pérez,,1990-01-0" + std::to_string(1 + n % 9) +
         ",F,subsidized," + status + ",ok,08001,\"Calle 1, # 2\",,3001112233,,,,\n";
}

HttpResult wait_for_job(AffiliatesFixture& f, const std::string& location, const std::string& token) {
  HttpResult r;
  for (int i = 0; i < 400; ++i) {
    r = f.get(location, token);
    if (r.str("status") == "completed" || r.str("status") == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return r;
}

std::vector<std::string> rejections(const HttpResult& job) {
  std::vector<std::string> out;
  for (const auto& r : job.json["rejections"]["items"].GetArray())
    out.push_back(std::to_string(r["line"].GetInt()) + " " + r["field"].GetString() + ":" +
                  r["code"].GetString());
  return out;
}

}  // namespace

TEST_CASE("AFF-4 import: bad lines are reported by number, the rest is loaded") {
  AffiliatesFixture f(false);
  const auto admin = f.employee("admin");
  const std::string csv =
      kHeader + good(1) + "CC,12AB,Ana,,Pérez,,1990-01-01,F,subsidized,active,ok,08001,,,,,,,\n" + good(2) +
      "\"unterminated,CC\n" + "CC,1,Ana\n" + good(3) + "\n" +
      "CC,2000000009,Juan4,,Ruiz,,2099-01-01,M,subsidized,active,ok,08001,,,,,,,\n" + good(4);
  auto r = f.request("POST", "/api/v1/affiliates/imports", csv, admin, "text/csv");
  REQUIRE(r.status == 202);
  const auto location = r.header("Location");
  CHECK(location == "/api/v1/affiliates/imports/" + r.str("id"));
  auto job = wait_for_job(f, location, admin);
  REQUIRE(job.str("status") == "completed");
  CHECK(job.json["loaded_rows"].GetInt() == 4);
  CHECK(job.json["rejected_rows"].GetInt() == 4);
  CHECK(rejections(job) == std::vector<std::string>{"3 document_number:not_numeric",
                                                    "5 line:unterminated_quote", "6 line:column_count",
                                                    "9 first_name:invalid_characters",
                                                    "9 birth_date:in_future"});
  CHECK(f.count("SELECT count(*) FROM affiliates") == 4);
  CHECK(std::filesystem::is_empty(f.dir() / "data" / "imports"));  // the upload is gone once the job ends
  CHECK(f.get("/api/v1/affiliates?document_type=CC&document_number=2000000003", admin).str("address") ==
        "Calle 1, # 2");

  SECTION("the same file again is the same job") {
    auto again = f.request("POST", "/api/v1/affiliates/imports", csv, admin, "text/csv");
    CHECK(again.status == 200);
    CHECK(again.str("id") == r.str("id"));
  }
  SECTION("rows are upserts by document") {
    auto update = f.request("POST", "/api/v1/affiliates/imports", kHeader + good(1, "suspended") + good(5),
                            admin, "text/csv");
    REQUIRE(update.status == 202);
    CHECK(wait_for_job(f, update.header("Location"), admin).json["loaded_rows"].GetInt() == 2);
    CHECK(f.count("SELECT count(*) FROM affiliates") == 5);
    CHECK(f.get("/api/v1/affiliates?document_type=CC&document_number=2000000001", admin)
              .str("affiliation_status") == "suspended");
  }
  SECTION("rejection report pages") {
    auto page = f.get(location + "?per_page=2&page=2", admin);
    CHECK(rejections(page) ==
          std::vector<std::string>{"6 line:column_count", "9 first_name:invalid_characters"});
    CHECK(page.json["rejections"]["total"].GetInt() == 5);
  }
}

TEST_CASE("AFF-4 import: who, media type, header, unknown job") {
  AffiliatesFixture f(false);
  const auto admin = f.employee("admin");
  const auto csv = kHeader + good(1);
  CHECK(f.request("POST", "/api/v1/affiliates/imports", csv, f.employee("agent"), "text/csv").status == 403);
  CHECK(f.request("POST", "/api/v1/affiliates/imports", csv, f.provider_admin(), "text/csv").status == 403);
  CHECK(f.request("POST", "/api/v1/affiliates/imports", csv, f.client({"affiliates:write"}), "text/csv")
            .status == 202);
  CHECK(f.request("POST", "/api/v1/affiliates/imports", csv, admin, "application/json").status == 415);
  CHECK(f.request("POST", "/api/v1/affiliates/imports", "  \n", admin, "text/csv").status == 422);
  CHECK(f.get("/api/v1/affiliates/imports/nope", admin).str("code") == "import_not_found");

  // A browser form upload (multipart/form-data) carries the same CSV as a file part.
  const std::string form =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\n" +
      kHeader + good(7) + "\r\n--XyZ--\r\n";
  auto uploaded =
      f.request("POST", "/api/v1/affiliates/imports", form, admin, "multipart/form-data; boundary=XyZ");
  REQUIRE(uploaded.status == 202);
  CHECK(wait_for_job(f, uploaded.header("Location"), admin).json["loaded_rows"].GetInt() == 1);
  CHECK(f.request("POST", "/api/v1/affiliates/imports", "--XyZ--", admin, "multipart/form-data; boundary=XyZ")
            .status == 422);

  auto bad_header = f.request("POST", "/api/v1/affiliates/imports", "document_type,first_name\nCC,Ana\n",
                              admin, "text/csv");
  auto job = wait_for_job(f, bad_header.header("Location"), admin);
  CHECK(job.str("status") == "failed");
  CHECK(job.str("error") == "invalid_header");
  CHECK(rejections(job).front() == "1 document_number:missing_column");
}

TEST_CASE("AFF-4 import resumes after a restart from the last committed line") {
  AffiliatesFixture f(false, {{"PORTAL_AFFILIATES_IMPORT_BATCH_ROWS", "2"}});
  // The state a crash leaves: the job running, lines 1..3 committed (a bad line 3 already reported).
  const auto file = (f.dir() / "interrupted.csv").string();
  {
    std::ofstream out(file);
    out << kHeader << good(1) << "CC,bad,Ana\n" << good(2) << good(3) << "CC,1,Ana\n" << good(4);
  }
  f.app->database().write([&](portal::db::Connection& c) {
    c.exec(
        "INSERT INTO import_jobs (id, content_sha256, file_path, status, created_by, created_at, started_at, "
        "last_committed_line, loaded_rows, rejected_rows) VALUES ('job-resume', 'abc', ?, 'running', "
        "'user:1', "
        "'2026-03-02T14:00:00Z', '2026-03-02T14:00:00Z', 3, 1, 1)",
        {file});
    c.exec(
        "INSERT INTO import_rejections (job_id, line, field, code, message_es, message_en) VALUES "
        "('job-resume', 3, 'line', 'column_count', 'x', 'x')");
  });
  f.restart({{"PORTAL_AFFILIATES_IMPORT_BATCH_ROWS", "2"}});
  auto job = wait_for_job(f, "/api/v1/affiliates/imports/job-resume", f.employee("admin"));
  REQUIRE(job.str("status") == "completed");
  CHECK(job.json["processed_lines"].GetInt() == 7);
  CHECK(job.json["loaded_rows"].GetInt() == 1 + 3);
  CHECK(job.json["rejected_rows"].GetInt() == 2);
  // Lines up to 3 are not read again: no duplicate report for line 3, and line 2's row is not re-sent.
  CHECK(rejections(job) == std::vector<std::string>{"3 line:column_count", "6 line:column_count"});
  CHECK(f.count("SELECT count(*) FROM affiliates") == 3);
  CHECK(f.count("SELECT count(*) FROM affiliates WHERE document_number = '2000000001'") == 0);
}
