#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "support/process.hpp"

using namespace portal::test;

namespace {

// Alive and not a zombie (a killed orphan may wait a while for init to reap it).
bool alive(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_s, comm, state;
  stat >> pid_s >> comm >> state;
  return state != "Z";
}

}  // namespace

TEST_CASE("a spawned process gets its environment, logs to a file and is killed with its group") {
  TempDir dir;
  const std::string log = dir.str() + "/child.log";
  pid_t grandchild = 0;
  {
    Process p({"/bin/sh", {"-c", "echo \"hello $GREETING\"; sleep 30 & echo $! ; wait"}, {{"GREETING", "e2e"}}, log, {}});
    REQUIRE(p.running());
    std::string out;
    for (int i = 0; i < 200; ++i) {
      out = p.log_tail();
      if (std::count(out.begin(), out.end(), '\n') >= 2) break;
      usleep(10000);
    }
    CHECK(out.rfind("hello e2e\n", 0) == 0);
    grandchild = std::stoi(out.substr(out.find('\n') + 1));
    CHECK(alive(grandchild));
  }  // destructor: SIGKILL to the group, reaped
  for (int i = 0; i < 100 && alive(grandchild); ++i) usleep(10000);
  CHECK_FALSE(alive(grandchild));  // the sleep in the same group died too
}

TEST_CASE("terminate sends SIGTERM first and reports the exit") {
  TempDir dir;
  Process p({"/bin/sh", {"-c", "trap 'exit 7' TERM; while :; do sleep 0.05; done"}, {}, dir.str() + "/log", {}});
  usleep(100000);
  p.terminate(std::chrono::seconds{3});
  CHECK(p.exit_code() == std::optional<int>(7));
  CHECK_FALSE(p.running());
}

TEST_CASE("free ports are distinct enough and the temp dir is removed") {
  const int a = free_port();
  CHECK(a > 0);
  std::filesystem::path kept;
  {
    TempDir dir;
    kept = dir.path();
    std::ofstream(dir.path() / "f") << "x";
    CHECK(std::filesystem::exists(kept / "f"));
  }
  CHECK_FALSE(std::filesystem::exists(kept));
}

TEST_CASE("wait_ready gives up when the process exits") {
  TempDir dir;
  Process p({"/bin/true", {}, {}, dir.str() + "/log", {}});
  CHECK_FALSE(p.wait_ready("http://127.0.0.1:" + std::to_string(free_port()), std::chrono::seconds{2}));
  CHECK(p.exit_code() == std::optional<int>(0));
}

// Run only as the child of the next case (hidden tag): starts a long sleep through Process, reports its
// pid, then waits to be killed without any chance to run destructors.
TEST_CASE("helper: spawn a grandchild and wait to be killed", "[.pdeathsig-helper]") {
  const char* pid_file = std::getenv("PORTAL_TEST_PID_FILE");
  REQUIRE(pid_file != nullptr);
  Process sleeper({"/bin/sleep", {"30"}, {}, {}, {}});
  { std::ofstream(std::string(pid_file) + ".tmp") << sleeper.pid(); }
  std::filesystem::rename(std::string(pid_file) + ".tmp", pid_file);
  ::pause();
}

TEST_CASE("services die with a test that is killed (ctest timeout), leaving no orphan") {
  TempDir dir;
  const std::string pid_file = dir.str() + "/grandchild.pid";
  Process test_binary({"/proc/self/exe", {"[.pdeathsig-helper]"}, {{"PORTAL_TEST_PID_FILE", pid_file}},
                       dir.str() + "/helper.log", {}});
  for (int i = 0; i < 500 && !std::filesystem::exists(pid_file); ++i) usleep(10000);
  REQUIRE(std::filesystem::exists(pid_file));
  pid_t grandchild = 0;
  std::ifstream(pid_file) >> grandchild;
  REQUIRE(grandchild > 0);
  CHECK(alive(grandchild));
  ::kill(test_binary.pid(), SIGKILL);  // only the intermediate process: its Process destructor never runs
  test_binary.kill();
  for (int i = 0; i < 200 && alive(grandchild); ++i) usleep(10000);
  CHECK_FALSE(alive(grandchild));
}
