// Delivery through a real SMTP server: Debian's python3-aiosmtpd, storing what it receives in a
// Maildir, and Python's email package (an independent decoder) reading it back.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>
#include <thread>

#include "portal/mail/outbox.hpp"
#include "test_support.hpp"

using namespace portal;
using namespace portal::mail;
using namespace portal::mail::testing;
using namespace std::chrono_literals;

namespace {

// /usr/bin/python3 explicitly: that is where Debian's python3-aiosmtpd is importable.
constexpr const char* kPython = "/usr/bin/python3";

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

class SmtpSink {
 public:
  SmtpSink(int port, const std::string& maildir) {
    const std::string listen = "127.0.0.1:" + std::to_string(port);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(kPython, kPython, "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
              "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !accepts(port); ++i) std::this_thread::sleep_for(50ms);
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

 private:
  pid_t pid_ = -1;
};

std::string run(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, n);
  ::pclose(p);
  return out;
}

}  // namespace

TEST_CASE("a message with Spanish accents reaches a real SMTP server and decodes correctly") {
  REQUIRE(run(std::string(kPython) + " -c 'import aiosmtpd; print(1)' 2>/dev/null") ==
          "1\n");  // deploy/install-deps.sh
  TempDir dir;
  const int port = free_port();
  const std::string maildir = dir.file("maildir");
  SmtpSink sink(port, maildir);
  REQUIRE(accepts(port));

  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = open_outbox_db(scratch);
  std::ostringstream log_out;
  core::Logger logger("auth", core::LogLevel::info, &log_out);
  metrics::Registry registry("auth");
  core::SystemClock clock;
  MailOptions options;
  options.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  options.from = "no-reply@eps-portal.local";
  Outbox outbox(*db, options, logger, registry, clock);

  const std::string subject = "Activación de su cuenta — Clínica Ejemplo del Caribe (año 2026, señor Muñoz)";
  const std::string body =
      "Señor Muñoz:\nSu código de activación es ÁÉÍÓÚ-ñ-ü.\nGracias por usar el portal.\n";
  outbox.enqueue(Message{"munoz@ips.com.co", subject, body});
  outbox.enqueue(Message{"ana@ips.com.co", subject, body});
  CHECK(outbox.deliver_due() == 2);
  CAPTURE(log_out.str());
  CHECK_THAT(registry.serialize(), Catch::Contains(R"(mail_messages_total{result="sent",service="auth"} 2)"));

  std::vector<std::string> received;
  for (int i = 0; i < 100 && (received = files_in(maildir + "/new")).size() < 2; ++i)
    std::this_thread::sleep_for(50ms);
  REQUIRE(received.size() == 2);
  for (const auto& name : received) {
    const std::string path = maildir + "/new/" + name;
    const std::string decoded =
        run(std::string(kPython) +
            " -c 'import sys, email, email.policy\n"
            "m = email.message_from_binary_file(open(sys.argv[1], \"rb\"), policy=email.policy.default)\n"
            "sys.stdout.buffer.write((m[\"subject\"] + \"\\n---\\n\" + m.get_content() + \"---\\n\" + "
            "m[\"to\"]).encode())' " +
            path);
    std::string normalized;
    for (char c : decoded) {
      if (c != '\r') normalized += c;
    }
    CAPTURE(normalized);
    CHECK_THAT(normalized, Catch::StartsWith(subject + "\n---\n" + body + "---\n"));
    const std::string raw = read_file(path);
    CHECK_THAT(raw, Catch::Contains("Subject: =?UTF-8?B?"));
    CHECK_THAT(raw, Catch::Contains("Message-ID: <"));
  }
}
