#include "progress_line.hpp"

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace csptrace::cli {

namespace {

bool wanted() {
  if (const char* v = std::getenv("CSPTRACE_PROGRESS")) return std::strcmp(v, "0") != 0;
  return ::isatty(STDERR_FILENO) == 1;
}

constexpr auto kFirstDraw = std::chrono::seconds(1);
constexpr auto kRedraw = std::chrono::milliseconds(100);

}  // namespace

ProgressLine::ProgressLine() : start_(Clock::now()) {
  if (wanted()) drawer_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
  if (!drawer_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  drawer_.join();
  if (drawn_ == 0) return;
  std::fprintf(stderr, "\r%*s\r", static_cast<int>(drawn_), "");
  std::fflush(stderr);
}

void ProgressLine::set(std::string_view what, double fraction) {
  if (!drawer_.joinable()) return;
  std::lock_guard<std::mutex> lock(mu_);
  what_.assign(what);
  fraction_ = fraction;
}

void ProgressLine::run() {
  std::unique_lock<std::mutex> lock(mu_);
  if (wake_.wait_until(lock, start_ + kFirstDraw, [this] { return stop_; })) return;
  do draw();
  while (!wake_.wait_for(lock, kRedraw, [this] { return stop_; }));
}

void ProgressLine::draw() {
  if (what_.empty()) return;
  char tail[32];
  if (fraction_ >= 0)
    std::snprintf(tail, sizeof tail, "  %3d%%", static_cast<int>(fraction_ * 100 + 0.5));
  else
    std::snprintf(tail, sizeof tail, "  %.0f s",
                  std::chrono::duration<double>(Clock::now() - start_).count());
  std::string line = "csptrace: " + what_ + tail;
  const size_t width = line.size();
  if (width < drawn_) line.append(drawn_ - width, ' ');
  std::fprintf(stderr, "\r%s", line.c_str());
  std::fflush(stderr);
  drawn_ = std::max(drawn_, width);
}

}  // namespace csptrace::cli
