#pragma once
// Group commit (ARCHITECTURE "Facts measured": SQLite's synchronous=FULL costs one fsync per commit, ~2.4k
// commits/s here). Concurrent writers hand their work to one writer thread, which runs every job queued
// while the previous transaction was being committed inside ONE Database::write transaction, so one
// fsync acknowledges many requests. Durability is unchanged: submit() returns only after the transaction
// holding the job is COMMITTED (synchronous=FULL, on disk).
//
// Each job runs inside its own SAVEPOINT: a job that throws (e.g. a UNIQUE violation) is rolled back
// alone and its caller gets the exception; the other jobs of the batch commit. Batches go through
// Database::write (same writer connection and mutex), so plain db.write() calls keep working alongside
// and simply take turns with the batches.
//
// On PostgreSQL there is nothing to batch here: each job runs at once in its own transaction on its own
// pooled connection (Database::write in the caller's thread), and the server groups the WAL flushes of
// commits that arrive together. Callers use the same run()/submit() on both backends.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

#include "portal/db/database.hpp"

namespace portal::db {

struct GroupCommitOptions {
  std::size_t max_jobs_per_transaction = 512;  // bounds a transaction's length (and its callers' wait)
};

class GroupCommitter {
 public:
  explicit GroupCommitter(Database& db, GroupCommitOptions options = {});
  // Commits what is queued, then stops the writer thread.
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Queues job(connection); the future is ready once the transaction holding it has committed (its
  // value) or once the job threw / the transaction failed (that exception). Throws std::runtime_error
  // when the committer is stopping. The job runs on the writer thread: it must not call submit() or
  // db.write() itself.
  template <typename T>
  std::future<T> submit(std::function<T(Connection&)> job);

  // submit() and wait: returns the job's result after COMMIT, or rethrows its exception.
  template <typename F>
  auto run(F&& f) -> decltype(f(std::declval<Connection&>())) {
    using T = decltype(f(std::declval<Connection&>()));
    return submit<T>(std::function<T(Connection&)>(std::forward<F>(f))).get();
  }

  // Counters since construction (metrics, tests): committed transactions and the jobs they held
  // (successful or rolled back to their savepoint).
  long long transactions() const { return transactions_.load(); }
  long long jobs() const { return jobs_.load(); }

 private:
  struct Job {
    virtual ~Job() = default;
    virtual void run(Connection& c) = 0;  // may throw
    virtual void committed() = 0;         // fulfil with the stored value
    virtual void failed(std::exception_ptr e) = 0;
    std::exception_ptr error;  // set when run() threw (rolled back to its savepoint)
  };
  template <typename T>
  struct TypedJob;

  void enqueue(std::unique_ptr<Job> job);
  void writer_loop();
  void commit_batch(std::deque<std::unique_ptr<Job>>& batch);

  Database& db_;
  GroupCommitOptions options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Job>> queue_;
  bool stopping_ = false;
  std::atomic<long long> transactions_{0};
  std::atomic<long long> jobs_{0};
  bool batching_ = true;  // SQLite; PostgreSQL runs each job directly
  std::thread writer_;
};

template <typename T>
struct GroupCommitter::TypedJob final : Job {
  std::function<T(Connection&)> fn;
  std::promise<T> promise;
  std::conditional_t<std::is_void_v<T>, bool, std::optional<T>> value{};

  void run(Connection& c) override {
    if constexpr (std::is_void_v<T>) {
      fn(c);
    } else {
      value.emplace(fn(c));
    }
  }
  void committed() override {
    if constexpr (std::is_void_v<T>) {
      promise.set_value();
    } else {
      promise.set_value(std::move(*value));
    }
  }
  void failed(std::exception_ptr e) override { promise.set_exception(std::move(e)); }
};

template <typename T>
std::future<T> GroupCommitter::submit(std::function<T(Connection&)> job) {
  auto typed = std::make_unique<TypedJob<T>>();
  typed->fn = std::move(job);
  auto future = typed->promise.get_future();
  enqueue(std::move(typed));
  return future;
}

}  // namespace portal::db
