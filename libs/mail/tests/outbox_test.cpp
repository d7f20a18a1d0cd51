#include "portal/mail/outbox.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "test_support.hpp"

using namespace portal;
using namespace portal::mail;
using namespace portal::mail::testing;
using namespace std::chrono_literals;

namespace {

core::Instant start_time() { return core::parse_rfc3339("2026-03-01T17:00:00Z").value(); }

struct Row {
  std::string status;
  int attempts;
  long long next_attempt_at;  // -1 when NULL
  std::string last_error;
  bool sent;
};

Row row(db::Database& db, long long id) {
  const auto found = db.read([&](db::Connection& c) {
    return c.query_one(
        "SELECT status, attempts, next_attempt_at, last_error, sent_at FROM mail_outbox WHERE id = ?", {id},
        [](const db::Row& r) {
          return Row{r.text(0), r.int32(1), r.is_null(2) ? -1 : r.int64(2), r.text(3), !r.is_null(4)};
        });
  });
  REQUIRE(found);
  return *found;
}

long long ms(core::Instant t) { return t.time_since_epoch().count(); }

const Message kWelcome{"ana@ips.com.co", "Activación de su cuenta", "Hola Ana,\nactive su cuenta aquí."};

}  // namespace

TEST_CASE("without SMTP a due message becomes an .eml file, written atomically") {
  TempDir dir;
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = open_outbox_db(scratch);
  std::ostringstream log_out;
  core::Logger logger("auth", core::LogLevel::info, &log_out);
  metrics::Registry registry("auth");
  core::ManualClock clock(start_time());
  MailOptions options;
  options.outbox_dir = dir.file("mail/auth");
  Outbox outbox(*db, options, logger, registry, clock);

  const long long id = outbox.enqueue(kWelcome);
  CHECK(outbox.deliver_due() == 1);
  CHECK(outbox.deliver_due() == 0);  // nothing is sent twice

  const auto files = files_in(options.outbox_dir);
  REQUIRE(files.size() == 1);  // no temp file left behind
  CHECK(files[0] == std::to_string(id) + "-20260301T170000Z.eml");
  const std::string eml = read_file(options.outbox_dir + "/" + files[0]);
  CHECK_THAT(eml, Catch::Contains("To: ana@ips.com.co\r\n"));
  CHECK_THAT(eml, Catch::Contains("From: no-reply@eps-portal.local\r\n"));
  CHECK(base64_decode(eml.substr(eml.find("\r\n\r\n") + 4)) == "Hola Ana,\r\nactive su cuenta aquí.");

  const Row r = row(*db, id);
  CHECK(r.status == "sent");
  CHECK(r.attempts == 1);
  CHECK(r.sent);
  CHECK_THAT(registry.serialize(), Catch::Contains(R"(mail_messages_total{result="sent",service="auth"} 1)"));
  CHECK_THAT(log_out.str(), Catch::Contains("mail_sent"));
}

TEST_CASE("a message enqueued in a transaction that rolls back is never sent") {
  TempDir dir;
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = open_outbox_db(scratch);
  std::ostringstream sink;
  core::Logger logger("auth", core::LogLevel::info, &sink);
  metrics::Registry registry("auth");
  core::ManualClock clock(start_time());
  MailOptions options;
  options.outbox_dir = dir.file("mail");
  Outbox outbox(*db, options, logger, registry, clock);
  CHECK_THROWS(db->write([&](db::Connection& c) {
    Outbox::enqueue(c, kWelcome, clock);
    throw std::runtime_error("registration failed");
  }));
  CHECK(outbox.deliver_due() == 0);
  CHECK(files_in(options.outbox_dir).empty());
}

TEST_CASE("restart safety: a message enqueued before a shutdown is delivered by the next process") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  TempDir dir;
  std::ostringstream log_out;
  core::Logger logger("auth", core::LogLevel::info, &log_out);
  core::SystemClock clock;
  MailOptions options;
  options.outbox_dir = dir.file("mail");
  options.poll_interval = 20ms;
  {
    auto db = open_outbox_db(scratch);
    metrics::Registry registry("auth");
    Outbox outbox(*db, options, logger, registry, clock);
    outbox.enqueue(kWelcome);
    // destroyed before any delivery: the process stops here
  }
  CHECK(files_in(options.outbox_dir).empty());

  auto db = open_outbox_db(scratch);
  metrics::Registry registry("auth");
  Outbox outbox(*db, options, logger, registry, clock);
  outbox.start();
  for (int i = 0; i < 250 && files_in(options.outbox_dir).empty(); ++i) std::this_thread::sleep_for(20ms);
  outbox.stop();
  CHECK(files_in(options.outbox_dir).size() == 1);
}

TEST_CASE("the sender thread picks up new messages promptly and stops cleanly") {
  TempDir dir;
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = open_outbox_db(scratch);
  std::ostringstream sink;
  core::Logger logger("auth", core::LogLevel::info, &sink);
  metrics::Registry registry("auth");
  core::SystemClock clock;
  MailOptions options;
  options.outbox_dir = dir.file("mail");
  options.poll_interval = 10s;  // only wake() can make this prompt
  Outbox outbox(*db, options, logger, registry, clock);
  outbox.start();
  outbox.start();  // idempotent
  std::this_thread::sleep_for(50ms);
  outbox.enqueue(kWelcome);
  outbox.enqueue(Message{"luis@ips.com.co", "Restablecer contraseña", "Código"});
  for (int i = 0; i < 250 && files_in(options.outbox_dir).size() < 2; ++i) std::this_thread::sleep_for(20ms);
  CHECK(files_in(options.outbox_dir).size() == 2);
  const auto stop_started = std::chrono::steady_clock::now();
  outbox.stop();
  CHECK(std::chrono::steady_clock::now() - stop_started < 2s);
}

TEST_CASE("failed deliveries back off exponentially and are marked failed after max_attempts") {
  TempDir dir;
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = open_outbox_db(scratch);
  std::ostringstream log_out;
  core::Logger logger("auth", core::LogLevel::info, &log_out);
  metrics::Registry registry("auth");
  core::ManualClock clock(start_time());
  MailOptions options;
  options.smtp_url = "smtp://127.0.0.1:1";  // nothing listens there: connection refused
  options.max_attempts = 3;
  Outbox outbox(*db, options, logger, registry, clock);
  const long long id = outbox.enqueue(kWelcome);

  CHECK(outbox.deliver_due() == 0);
  Row r = row(*db, id);
  CHECK(r.status == "pending");
  CHECK(r.attempts == 1);
  CHECK(r.next_attempt_at == ms(clock.now() + 1s));
  CHECK_THAT(r.last_error, Catch::StartsWith("smtp:"));

  clock.advance(999ms);
  outbox.deliver_due();
  CHECK(row(*db, id).attempts == 1);  // not due yet

  clock.advance(1ms);
  outbox.deliver_due();
  r = row(*db, id);
  CHECK(r.attempts == 2);
  CHECK(r.next_attempt_at == ms(clock.now() + 2s));

  clock.advance(2s);
  outbox.deliver_due();
  r = row(*db, id);
  CHECK(r.status == "failed");
  CHECK(r.attempts == 3);
  CHECK(r.next_attempt_at == -1);

  clock.advance(1h);
  outbox.deliver_due();
  CHECK(row(*db, id).attempts == 3);  // failed messages are left alone

  const std::string text = registry.serialize();
  CHECK_THAT(text, Catch::Contains(R"(mail_messages_total{result="retry",service="auth"} 2)"));
  CHECK_THAT(text, Catch::Contains(R"(mail_messages_total{result="failed",service="auth"} 1)"));
  CHECK_THAT(log_out.str(), Catch::Contains("mail_failed"));
}

TEST_CASE("an .eml folder that cannot be written is retried, then works once fixed") {
  TempDir dir;
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = open_outbox_db(scratch);
  std::ostringstream sink;
  core::Logger logger("auth", core::LogLevel::info, &sink);
  metrics::Registry registry("auth");
  core::ManualClock clock(start_time());
  { std::ofstream blocker(dir.file("blocked")); }  // a file where the folder should be
  MailOptions options;
  options.outbox_dir = dir.file("blocked/mail");
  Outbox outbox(*db, options, logger, registry, clock);
  const long long id = outbox.enqueue(kWelcome);
  CHECK(outbox.deliver_due() == 0);
  CHECK(row(*db, id).status == "pending");
  CHECK(row(*db, id).attempts == 1);

  std::filesystem::remove(dir.file("blocked"));
  clock.advance(1s);
  CHECK(outbox.deliver_due() == 1);
  CHECK(row(*db, id).status == "sent");
}

TEST_CASE("an address that could inject headers is failed at once, without retries") {
  TempDir dir;
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = open_outbox_db(scratch);
  std::ostringstream sink;
  core::Logger logger("auth", core::LogLevel::info, &sink);
  metrics::Registry registry("auth");
  core::ManualClock clock(start_time());
  MailOptions options;
  options.outbox_dir = dir.file("mail");
  Outbox outbox(*db, options, logger, registry, clock);
  const long long id = outbox.enqueue(Message{"a@x.co\r\nBcc: all@x.co", "s", "b"});
  CHECK(outbox.deliver_due() == 0);
  CHECK(row(*db, id).status == "failed");
  CHECK(files_in(options.outbox_dir).empty());
}

TEST_CASE("two outboxes on one metrics registry share the counter family") {
  TempDir dir;
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = open_outbox_db(scratch);
  std::ostringstream sink;
  core::Logger logger("auth", core::LogLevel::info, &sink);
  metrics::Registry registry("auth");
  core::ManualClock clock(start_time());
  MailOptions options;
  options.outbox_dir = dir.file("mail");
  Outbox a(*db, options, logger, registry, clock);
  Outbox b(*db, options, logger, registry, clock);
  a.enqueue(kWelcome);
  CHECK(b.deliver_due() == 1);
}

// Issue 8: replicas of a service share one database and each runs its own sender; a message is leased to
// one of them at a time.
TEST_CASE("two replicas sending from one outbox deliver every message exactly once") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  TempDir dir;
  auto db_a = open_outbox_db(scratch);
  auto db_b = open_outbox_db(scratch);
  std::ostringstream sink;
  core::Logger logger("auth", core::LogLevel::error, &sink);
  metrics::Registry registry_a("auth");
  metrics::Registry registry_b("auth");
  core::ManualClock clock(start_time());
  MailOptions options;
  options.outbox_dir = dir.file("mail");
  Outbox a(*db_a, options, logger, registry_a, clock);
  Outbox b(*db_b, options, logger, registry_b, clock);
  constexpr int kMessages = 60;
  std::vector<long long> ids;
  for (int i = 0; i < kMessages; ++i)
    ids.push_back(
        a.enqueue({"user" + std::to_string(i) + "@ips.com.co", "Aviso", "Mensaje " + std::to_string(i)}));
  std::atomic<int> delivered{0};
  auto drain = [&](Outbox& outbox) {
    for (int idle = 0; idle < 3;) {
      const int n = outbox.deliver_due();
      delivered += n;
      idle = n == 0 ? idle + 1 : 0;
    }
  };
  std::thread ta([&] { drain(a); });
  std::thread tb([&] { drain(b); });
  ta.join();
  tb.join();
  CHECK(delivered == kMessages);
  for (const auto id : ids) {
    const Row r = row(*db_a, id);
    CHECK(r.status == "sent");
    CHECK(r.attempts == 1);  // sent once: a second send would have counted a second attempt
  }
}

TEST_CASE("an attached file is read at delivery and comes out whole in Python's e-mail parser (issue 19)") {
  TempDir dir;
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = open_outbox_db(scratch);
  std::ostringstream sink;
  core::Logger logger("finance", core::LogLevel::info, &sink);
  metrics::Registry registry("finance");
  core::ManualClock clock(start_time());
  MailOptions options;
  options.outbox_dir = dir.file("mail");
  Outbox outbox(*db, options, logger, registry, clock);

  std::string bytes = "PK\x03\x04";
  for (int i = 0; i < 5000; ++i) bytes += static_cast<char>((i * 7) % 256);
  const std::string path = dir.file("resultado.xlsx");
  std::ofstream(path, std::ios::binary) << bytes;
  Message m{"ana@ips.com.co", "Resultado Proceso Cargar Respuestas Glosas", "Se adjunta el archivo.\n"};
  m.attachments.push_back({"NI-65697259-Señal.xlsx", "application/octet-stream", path});
  const long long id = outbox.enqueue(m);
  // A second message whose file is gone: retried with the reason, never sent without its file.
  Message lost = m;
  lost.attachments[0].path = dir.file("missing.xlsx");
  const long long lost_id = outbox.enqueue(lost);
  CHECK(outbox.deliver_due() == 1);
  CHECK(row(*db, id).status == "sent");
  const Row lost_row = row(*db, lost_id);
  CHECK(lost_row.status == "pending");
  CHECK(lost_row.attempts == 1);
  CHECK_THAT(lost_row.last_error, Catch::Contains("attachment unreadable"));

  const auto files = files_in(options.outbox_dir);
  REQUIRE(files.size() == 1);
  const std::string eml = options.outbox_dir + "/" + files[0];
  const std::string extracted = dir.file("extracted");
  const std::string command =
      "python3 -c \"import email, email.policy, sys\n"
      "m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)\n"
      "parts = list(m.iter_attachments())\n"
      "assert m.get_content_type() == 'multipart/mixed', m.get_content_type()\n"
      "assert len(parts) == 1\n"
      "assert parts[0].get_filename() == 'NI-65697259-Se\\u00f1al.xlsx', parts[0].get_filename()\n"
      "assert m.get_body(('plain',)).get_content().startswith('Se adjunta el archivo.')\n"
      "open(sys.argv[2], 'wb').write(parts[0].get_content())\" " +
      eml + " " + extracted;
  REQUIRE(std::system(command.c_str()) == 0);
  CHECK(read_file(extracted) == bytes);
}

TEST_CASE("attachments over max_attachment_bytes are retried with the reason, never sent (issue 19)") {
  TempDir dir;
  db::testing::TestDatabase scratch(db::Dialect::sqlite);
  auto db = open_outbox_db(scratch);
  std::ostringstream sink;
  core::Logger logger("finance", core::LogLevel::info, &sink);
  metrics::Registry registry("finance");
  core::ManualClock clock(start_time());
  MailOptions options;
  options.outbox_dir = dir.file("mail");
  options.max_attachment_bytes = 1000;
  Outbox outbox(*db, options, logger, registry, clock);
  const std::string path = dir.file("big.xlsx");
  std::ofstream(path, std::ios::binary) << std::string(1001, 'x');
  Message m{"ana@ips.com.co", "Resultado", "Se adjunta.\n"};
  m.attachments.push_back({"big.xlsx", "application/octet-stream", path});
  const long long id = outbox.enqueue(m);
  CHECK(outbox.deliver_due() == 0);
  const Row r = row(*db, id);
  CHECK(r.status == "pending");
  CHECK_THAT(r.last_error, Catch::Contains("attachments larger than 1000 bytes"));
  CHECK(files_in(options.outbox_dir).empty());
}
