#include "portal/db/group_commit.hpp"

#include <stdexcept>

namespace portal::db {

GroupCommitter::GroupCommitter(Database& db, GroupCommitOptions options)
    : db_(db), options_(options), batching_(db.dialect() == Dialect::sqlite) {
  if (options_.max_jobs_per_transaction < 1) options_.max_jobs_per_transaction = 1;
  if (batching_) writer_ = std::thread([this] { writer_loop(); });
}

GroupCommitter::~GroupCommitter() {
  if (!batching_) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  writer_.join();
}

void GroupCommitter::enqueue(std::unique_ptr<Job> job) {
  if (!batching_) {
    std::deque<std::unique_ptr<Job>> one;
    one.push_back(std::move(job));
    commit_batch(one);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw std::runtime_error("group committer is stopping");
    queue_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void GroupCommitter::writer_loop() {
  for (;;) {
    std::deque<std::unique_ptr<Job>> batch;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      // Everything that queued while the previous transaction was committing goes into this one.
      while (!queue_.empty() && batch.size() < options_.max_jobs_per_transaction) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit_batch(batch);
  }
}

void GroupCommitter::commit_batch(std::deque<std::unique_ptr<Job>>& batch) {
  try {
    db_.write([&](Connection& c) {
      if (batch.size() == 1) {  // alone in its transaction: no savepoint needed, its failure rolls back
        batch.front()->run(c);
        return;
      }
      for (auto& job : batch) {
        // Undo this job only. If even that fails the transaction is unusable: the exception leaves
        // write(), which rolls everything back, and every job of the batch gets it below.
        try {
          c.savepoint([&] { job->run(c); });
        } catch (...) {
          job->error = std::current_exception();
        }
      }
    });
  } catch (...) {
    const auto error = std::current_exception();
    for (auto& job : batch) job->failed(error);
    return;
  }
  transactions_.fetch_add(1);
  jobs_.fetch_add(static_cast<long long>(batch.size()));
  for (auto& job : batch) {
    if (job->error) {
      job->failed(job->error);
    } else {
      job->committed();
    }
  }
}

}  // namespace portal::db
