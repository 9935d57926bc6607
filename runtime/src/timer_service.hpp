// Real-time timers for the pool scheduler: one thread that sleeps until the earliest deadline,
// then fires the timer channel (records timer_fire, closes it).
#pragma once

#include <csp/detail/channel_core.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace csp::detail {

class Runtime;

class TimerService {
 public:
  explicit TimerService(Runtime& rt) : rt_(rt) {}
  ~TimerService() { stop(); }
  TimerService(const TimerService&) = delete;
  TimerService& operator=(const TimerService&) = delete;

  // Takes over one reference of ch; fires it after d.
  void arm(ChannelCore* ch, std::chrono::nanoseconds d);
  // Stops the thread; timers not yet fired are dropped (their references released).
  void stop();

 private:
  struct Entry {
    std::chrono::steady_clock::time_point deadline;
    uint64_t seq;
    ChannelCore* ch;
    bool operator>(const Entry& o) const {
      return deadline != o.deadline ? deadline > o.deadline : seq > o.seq;
    }
  };
  void loop();

  Runtime& rt_;
  std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_:
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue_;
  uint64_t next_seq_ = 0;
  bool stopping_ = false;
  std::thread thread_;  // started on the first arm()
};

}  // namespace csp::detail
