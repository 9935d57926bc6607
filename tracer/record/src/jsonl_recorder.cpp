#include <csptrace/jsonl_codec.hpp>
#include <csptrace/jsonl_recorder.hpp>

#include "crash_guard.hpp"
#include "string_log.hpp"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace csptrace {

namespace {

// write(2) of all n bytes, retrying partial writes and EINTR; returns how many were written
// (n, or fewer with errno set). Async-signal-safe.
size_t write_fully(int fd, const char* p, size_t n) noexcept {
  size_t done = 0;
  while (done < n) {
    ssize_t w = ::write(fd, p + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      if (w == 0) errno = EIO;
      return done;
    }
    done += static_cast<size_t>(w);
  }
  return done;
}

uint64_t count_lines(const char* p, size_t n) noexcept {
  uint64_t lines = 0;
  for (size_t i = 0; i < n; ++i) lines += p[i] == '\n';
  return lines;
}

}  // namespace

JsonlRecorder::JsonlRecorder(const std::string& path, const TraceHeader& header)
    : path_(path), buf_(new char[kBufferBytes]), start_(std::chrono::steady_clock::now()) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw std::runtime_error("cannot create trace file " + path + ": " + std::strerror(errno));
  ignore_file_size_signal();
  std::string line = encode_jsonl_header(header);
  line += '\n';
  if (write_fully(fd_, line.data(), line.size()) != line.size()) {
    const int err = errno;
    ::close(fd_);
    throw std::runtime_error("cannot write trace file " + path + ": " + std::strerror(err));
  }
  flusher_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!finished_) {
      wake_.wait_for(lock, kFlushInterval);
      flush_locked();
      failure_.report_once(path_, written_);
    }
  });
  crash_ = std::make_unique<CrashFlushOf<JsonlRecorder>>(*this);
  crash_guard::install(crash_.get());
}

JsonlRecorder::~JsonlRecorder() { finish(EndReason::Normal, {}); }

StrId JsonlRecorder::intern(std::string_view s) {
  std::string storage;
  const std::string_view kept = StringLog::fit(s, storage);
  std::lock_guard lock(mu_);
  return strings_.intern(kept);
}

void JsonlRecorder::write_locked(const char* p, size_t n) noexcept {
  if (fd_ < 0 || n == 0 || failure_.failed()) return;
  const size_t done = write_fully(fd_, p, n);
  // Lines, not bytes, are what a reader keeps: a line cut by the failure is left out, but one
  // cut just before its newline is whole JSON at the end of the file, which a reader keeps (a
  // last line needs no newline). Counted the reader's way, the report names what loads.
  written_ += count_lines(p, done) + (done < n && p[done] == '\n' ? 1 : 0);
  if (done != n) failure_.note(errno);
}

void JsonlRecorder::flush_locked() noexcept {
  write_locked(buf_.get(), used_);
  used_ = 0;
}

void JsonlRecorder::append_locked(const std::string& line) {
  if (used_ + line.size() > kBufferBytes) flush_locked();
  if (line.size() > kBufferBytes) {
    write_locked(line.data(), line.size());
    return;
  }
  std::memcpy(buf_.get() + used_, line.data(), line.size());
  used_ += line.size();
}

int64_t JsonlRecorder::now_locked() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                              start_)
      .count();
}

void JsonlRecorder::write_locked(Event& e) { write_locked(e, now_locked()); }

void JsonlRecorder::write_locked(Event& e, int64_t t) {
  e.seq = next_seq_++;
  e.t = t;
  e.thread = current_thread_index();
  e.present |= f::seq | f::t | f::thread;
  std::string line = encode_jsonl_event(e, strings_);
  line += '\n';
  append_locked(line);
}

void JsonlRecorder::record(Event& e) {
  std::lock_guard lock(mu_);
  if (finished_) return;
  write_locked(e);
}

void JsonlRecorder::record_pair(Event& first, Event& second) {
  std::lock_guard lock(mu_);
  if (finished_) return;
  const int64_t t = now_locked();
  write_locked(first, t);
  write_locked(second, t);
}

void JsonlRecorder::flush() {
  std::lock_guard lock(mu_);
  flush_locked();
  failure_.report_once(path_, written_);
}

std::string JsonlRecorder::failure() const {
  std::lock_guard lock(mu_);
  return failure_.message(path_, written_);
}

void JsonlRecorder::finish(EndReason reason, std::string_view message) {
  {
    std::lock_guard lock(mu_);
    // finished_ may be set already: by an earlier finish, or by the crash path.
    if (!finished_) {
      Event end(EventKind::End);
      end.with_reason(reason);
      if (!message.empty()) end.with_message(strings_.intern(message));
      write_locked(end);
      finished_ = true;
      flush_locked();
      ::close(fd_);
      fd_ = -1;
      failure_.report_once(path_, written_);
    }
  }
  crash_guard::remove(crash_.get());
  wake_.notify_all();
  if (flusher_.joinable()) flusher_.join();
}

void JsonlRecorder::crash_flush(int sig) noexcept {
  // try_lock, not lock: the interrupted code may hold mu_ (then give up after a while rather
  // than hang the dying process; another thread holding it will release it soon).
  bool locked = false;
  for (int attempt = 0; attempt < 1000 && !(locked = mu_.try_lock()); ++attempt) {
    timespec ms{0, 1000000};
    nanosleep(&ms, nullptr);
  }
  if (!locked || finished_) return;
  // The end line, formatted without allocating: {"seq":N,"t":T,"kind":"end",...}.
  char line[256];
  char* p = line;
  auto text = [&](const char* s) {
    size_t n = std::min(std::strlen(s), static_cast<size_t>(line + sizeof line - p));
    std::memcpy(p, s, n);
    p += n;
  };
  auto number = [&](int64_t v) { p = std::to_chars(p, line + sizeof line, v).ptr; };
  text("{\"seq\":");
  number(static_cast<int64_t>(next_seq_++));
  text(",\"t\":");
  number(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                              start_)
             .count());
  text(",\"kind\":\"end\",\"thread\":");
  number(current_thread_index());
  text(",\"message\":\"killed by ");
  text(crash_guard::describe(sig));
  text("\",\"reason\":\"crash\"}\n");
  flush_locked();
  write_locked(line, static_cast<size_t>(p - line));
  // If the process outlives the signal (a previous handler returned), record() sees finished_
  // and writes nothing after the end line.
  finished_ = true;
  mu_.unlock();
}

}  // namespace csptrace
