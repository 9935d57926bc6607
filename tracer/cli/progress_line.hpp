// One line on stderr saying what a long step is doing ("csptrace: reading big.csptrace  42%",
// "csptrace: building big.db: indexes  12 s"). Drawn only when stderr is a terminal (or when
// CSPTRACE_PROGRESS=1; CSPTRACE_PROGRESS=0 turns it off), first after a second, so a short step
// prints nothing; then redrawn ten times a second by a thread of its own, so the time shown
// moves while a step runs; erased when the ProgressLine ends, so what the verb prints is
// unchanged.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace csptrace::cli {

class ProgressLine {
 public:
  ProgressLine();
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // What is being done, and how far (0..1), or fraction < 0 when that is unknown: the time
  // spent is shown then. From any thread.
  void set(std::string_view what, double fraction = -1);

 private:
  using Clock = std::chrono::steady_clock;
  void run();   // the drawing thread
  void draw();  // mu_ held

  const Clock::time_point start_;
  std::mutex mu_;  // guards what follows; the drawing thread writes stderr only while holding it
  std::condition_variable wake_;
  bool stop_ = false;
  std::string what_;
  double fraction_ = -1;
  size_t drawn_ = 0;  // characters of the line on screen
  std::thread drawer_;
};

}  // namespace csptrace::cli
