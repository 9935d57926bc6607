// The waits of a followed trace (LoadOptions::follow): for the file to be created, and at the
// end of what is written for more bytes, the trace's end, or the writer to go away.
#include "file_writers.hpp"
#include "input_file.hpp"

#include <csptrace/trace_error.hpp>

#include <sys/stat.h>
#include <chrono>
#include <thread>

namespace csptrace {

namespace {

// How often a follower looks for new bytes: the recorder writes a chunk at least every 20 ms.
constexpr auto kPoll = std::chrono::milliseconds(20);
// How long the file may stay the same size before the follower asks whether anyone still has
// it open for writing (a walk over /proc, too costly for every poll).
constexpr auto kWriterCheck = std::chrono::milliseconds(250);

void check_cancel(const LoadOptions& options) {
  if (options.cancel && options.cancel->load(std::memory_order_relaxed)) throw LoadCancelled();
}

}  // namespace

void InputFile::wait_until_created(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return;
  if (options_->notice)
    options_->notice(name_ +
                     " does not exist yet: waiting for a program to create it (press "
                     "Ctrl-C to stop)");
  while (::stat(path.c_str(), &st) != 0) {
    check_cancel(*options_);
    std::this_thread::sleep_for(kPoll);
  }
}

void InputFile::start_following() {
  following_ = file_has_writer(fd_);
  if (!following_ && options_->notice)
    options_->notice(name_ +
                     " is not being written (no process has it open for writing): "
                     "reading it as it is");
}

bool InputFile::wait_for_more() {
  if (follow_done_ && follow_done_()) return false;
  if (options_->on_idle) options_->on_idle();
  auto last_check = std::chrono::steady_clock::now();
  while (true) {
    check_cancel(*options_);
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return false;
    const auto size = static_cast<uint64_t>(st.st_size);
    if (size > raw_offset_) return true;
    if (size < raw_offset_)
      throw TraceError(name_, TraceError::Place::File, 0,
                       "the file shrank from " + std::to_string(raw_offset_) + " to " +
                           std::to_string(size) +
                           " bytes while it was followed (the program started again and "
                           "truncated it); follow it again");
    const auto now = std::chrono::steady_clock::now();
    if (now - last_check >= kWriterCheck) {
      last_check = now;
      if (!file_has_writer(fd_)) {
        // The writer is gone; what it wrote last may have landed after the size was read.
        following_ = false;
        return ::fstat(fd_, &st) == 0 && static_cast<uint64_t>(st.st_size) > raw_offset_;
      }
    }
    std::this_thread::sleep_for(kPoll);
  }
}

}  // namespace csptrace
