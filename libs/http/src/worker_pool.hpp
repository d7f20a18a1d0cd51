#pragma once
// A fixed set of threads running handler tasks off Pistache's I/O threads (ARCHITECTURE.md: a blocking
// handler on an I/O thread stalls every connection of that thread). The queue is bounded so overload
// answers 503 at once instead of growing latency without limit.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace portal::http {

class WorkerPool {
 public:
  // name: given to every thread (at most 15 characters shown), so that profiles and tests tell the pool
  // from the I/O threads.
  WorkerPool(int threads, std::size_t max_queue, std::string name = "worker");
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False (task not taken) when the queue is full or the pool is stopping.
  bool try_submit(std::function<void()> task);
  // Runs what is queued, then joins the threads. Idempotent.
  void stop();

 private:
  void run();
  std::size_t max_queue_;
  std::string name_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace portal::http
