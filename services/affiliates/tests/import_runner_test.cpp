// AFF-4 with several replicas on one database (issue 8): a job runs under one runner's claim at a time,
// a claim lapses when its runner dies or stops, and a batch whose claim was lost commits nothing. Both
// backends.
#include "import_runner.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "affiliates_app.hpp"
#include "import_store.hpp"
#include "portal/db/testing/test_database.hpp"
#include "test_reference_data.hpp"

namespace portal::affiliates {
namespace {

const std::string kHeader =
    "document_type,document_number,first_name,second_name,first_surname,second_surname,birth_date,sex,regime,"
    "affiliation_status,data_quality,municipality_code,address,phone,mobile,email,"
    "newborn_of_type,newborn_of_number,child_number\n";

std::string row(int n, const std::string& mobile = "3001112233") {
  return "CC," + std::to_string(2000000000 + n) + ",Ana,,Pérez,,1990-01-0" + std::to_string(1 + n % 9) +
         ",F,subsidized,active,ok,08001,,," + mobile + ",,,,\n";
}

ImportJob queued_job(const std::string& id, const std::string& file) {
  ImportJob job;
  job.id = id;
  job.content_sha256 = "sha-" + id;
  job.file_path = file;
  job.status = "queued";
  job.created_by = "user:1";
  job.created_at = "2026-03-02T15:00:00Z";
  return job;
}

long long count(db::Database& db, const std::string& sql) {
  return db.read([&](db::Connection& c) { return c.query_int64(sql).value_or(0); });
}

const std::vector<Rejection> kOneRejection{
    Rejection{2, core::FieldError{"line", "column_count", {"x", "x"}}}};

}  // namespace

TEST_CASE("AFF-4 a job is claimed by one runner at a time; a lapsed or released claim moves on") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = scratch.open(affiliates_migrations());
  const long long now = 1'772'463'600'000;  // 2026-03-02T15:00:00Z
  const std::string now_text = "2026-03-02T15:00:00Z";
  const ImportClaim a{"runner-a", now + 120'000};
  const ImportClaim b{"runner-b", now + 120'000};
  REQUIRE(db->write([&](db::Connection& c) { return import_store::create(c, queued_job("j1", "/x.csv")); }));
  REQUIRE(db->write([&](db::Connection& c) { return import_store::create(c, queued_job("j2", "/y.csv")); }));
  // The same content again is the same job.
  auto same = queued_job("j3", "/z.csv");
  same.content_sha256 = "sha-j1";
  CHECK_FALSE(db->write([&](db::Connection& c) { return import_store::create(c, same); }));
  CHECK(db->read([&](db::Connection& c) { return import_store::claimable(c, now); }) ==
        std::vector<std::string>{"j1", "j2"});

  // Two replicas claim the same queued job: one gets it.
  CHECK(db->write([&](db::Connection& c) { return import_store::claim(c, "j1", a, now, now_text); }));
  CHECK_FALSE(db->write([&](db::Connection& c) { return import_store::claim(c, "j1", b, now, now_text); }));
  CHECK(db->read([&](db::Connection& c) { return import_store::claimable(c, now); }) ==
        std::vector<std::string>{"j2"});
  // Only the holder commits batches; the other's batch writes nothing.
  CHECK_FALSE(db->write(
      [&](db::Connection& c) { return import_store::commit_batch(c, "j1", b, 5, 4, kOneRejection); }));
  CHECK(db->write(
      [&](db::Connection& c) { return import_store::commit_batch(c, "j1", a, 3, 2, kOneRejection); }));
  CHECK(count(*db, "SELECT loaded_rows FROM import_jobs WHERE id = 'j1'") == 2);
  CHECK(count(*db, "SELECT count(*) FROM import_rejections WHERE job_id = 'j1'") == 1);

  // Runner a dies: once its lease has run out, b takes the job over and a can no longer write to it.
  const long long later = now + 121'000;
  CHECK(db->read([&](db::Connection& c) { return import_store::claimable(c, later); }) ==
        std::vector<std::string>{"j1", "j2"});
  const ImportClaim b_later{"runner-b", later + 120'000};
  CHECK(db->write([&](db::Connection& c) { return import_store::claim(c, "j1", b_later, later, now_text); }));
  CHECK_FALSE(db->write(
      [&](db::Connection& c) { return import_store::commit_batch(c, "j1", a, 9, 9, kOneRejection); }));
  CHECK_FALSE(db->write([&](db::Connection& c) {
    return import_store::finish(c, "j1", "runner-a", "completed", now_text, std::nullopt);
  }));
  CHECK(db->write([&](db::Connection& c) { return import_store::commit_batch(c, "j1", b_later, 5, 1, {}); }));
  CHECK(db->write([&](db::Connection& c) {
    return import_store::finish(c, "j1", "runner-b", "completed", now_text, std::nullopt);
  }));
  const auto done = db->read([&](db::Connection& c) { return import_store::find(c, "j1"); });
  REQUIRE(done);
  CHECK(done->status == "completed");
  CHECK(done->last_committed_line == 5);
  CHECK(done->loaded_rows == 3);
  CHECK(done->rejected_rows == 1);
  CHECK(done->started_at == now_text);
  CHECK_FALSE(db->write([&](db::Connection& c) { return import_store::claim(c, "j1", a, later, now_text); }));

  // A runner that stops releases its claim: the job is claimable at once, by anyone.
  CHECK(db->write([&](db::Connection& c) { return import_store::claim(c, "j2", a, now, now_text); }));
  db->write([&](db::Connection& c) { import_store::release(c, "j2", "runner-a"); });
  CHECK(db->read([&](db::Connection& c) { return import_store::claimable(c, now); }) ==
        std::vector<std::string>{"j2"});
  CHECK(db->write([&](db::Connection& c) { return import_store::claim(c, "j2", b, now, now_text); }));
  CHECK(count(*db, "SELECT count(*) FROM import_jobs WHERE id = 'j2' AND status = 'running'") == 1);
}

TEST_CASE("AFF-4 two replicas handed the same job at once run it once") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto first = scratch.open(affiliates_migrations());
  auto second = scratch.open(affiliates_migrations());
  std::ostringstream log_text;
  core::Logger logger("affiliates", core::LogLevel::error, &log_text);
  core::ManualClock clock(*core::parse_rfc3339("2026-03-02T15:00:00Z"));
  const auto file = (scratch.dir() / "roster.csv").string();
  {
    std::ofstream out(file);
    out << kHeader;
    for (int i = 1; i <= 60; ++i) out << (i % 20 == 0 ? std::string{"CC,1,Ana\n"} : row(i));
  }
  REQUIRE(
      first->write([&](db::Connection& c) { return import_store::create(c, queued_job("roster", file)); }));
  ImportRunner a(*first, test::reference_data(), clock, logger, 4);
  ImportRunner b(*second, test::reference_data(), clock, logger, 4);
  std::string failed;
  std::thread other([&] {
    try {
      b.run_job("roster");
    } catch (const std::exception& e) {
      failed = e.what();
    }
  });
  a.run_job("roster");
  other.join();
  CHECK(failed == "");
  const auto job = first->read([&](db::Connection& c) { return import_store::find(c, "roster"); });
  REQUIRE(job);
  CHECK(job->status == "completed");
  CHECK(job->last_committed_line == 61);
  CHECK(job->loaded_rows == 57);  // counted once: run twice, every batch would be counted twice
  CHECK(job->rejected_rows == 3);
  CHECK(count(*first, "SELECT count(*) FROM import_rejections") == 3);
  CHECK(count(*first, "SELECT count(*) FROM affiliates") == 57);
}

TEST_CASE("AFF-4 a row the database refuses is reported; the rest of its batch is loaded") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = scratch.open(affiliates_migrations());
  // A constraint the rules do not know about, in place of the rare collisions they cannot see.
  db->write(
      [](db::Connection& c) { c.exec("CREATE UNIQUE INDEX test_one_per_mobile ON affiliates(mobile)"); });
  std::ostringstream log_text;
  core::Logger logger("affiliates", core::LogLevel::error, &log_text);
  core::ManualClock clock(*core::parse_rfc3339("2026-03-02T15:00:00Z"));
  const auto file = (scratch.dir() / "roster.csv").string();
  {
    std::ofstream out(file);
    out << kHeader << row(1, "3000000001") << row(2, "3000000002") << row(3, "3000000001")
        << row(4, "3000000004") << "CC,1,Ana\n";
  }
  REQUIRE(db->write([&](db::Connection& c) { return import_store::create(c, queued_job("dup", file)); }));
  ImportRunner runner(*db, test::reference_data(), clock, logger, 10);
  const auto job = runner.run_job("dup");
  CHECK(job.status == "completed");
  CHECK(job.loaded_rows == 3);
  CHECK(job.rejected_rows == 2);
  const auto report =
      db->read([&](db::Connection& c) { return import_store::rejections(c, "dup", PageRequest{}); });
  REQUIRE(report.size() == 2);
  CHECK(report[0].line == 4);
  CHECK(report[0].error.code == "conflict");
  CHECK(report[1].line == 6);
  CHECK(count(*db, "SELECT count(*) FROM affiliates") == 3);
}

}  // namespace portal::affiliates
