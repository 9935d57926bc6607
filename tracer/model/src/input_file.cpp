#include "input_file.hpp"

#include <csptrace/trace_error.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace csptrace {

namespace {

// How long a named pipe may stay silent before the user is told that the read waits for a
// writer (a process substitution's writer is usually there at once).
constexpr int kQuietPipeMs = 300;

TraceError file_error(const std::string& name, const std::string& what) {
  return TraceError(name, TraceError::Place::File, 0, what);
}

// Waits until the named pipe fd (opened O_NONBLOCK) has a writer that wrote or went away, then
// makes fd blocking. Linux reports neither POLLIN nor POLLHUP before a writer came.
void wait_for_writer(int fd, const std::string& name, const LoadOptions& options) {
  pollfd p{fd, POLLIN, 0};
  int r;
  while ((r = ::poll(&p, 1, kQuietPipeMs)) < 0 && errno == EINTR) {
  }
  if (r == 0) {
    if (options.notice)
      options.notice(name +
                     " is a named pipe with nothing written to it yet: waiting for a "
                     "writer (start the program that writes the trace, or press Ctrl-C)");
    while ((r = ::poll(&p, 1, -1)) < 0 && errno == EINTR) {
    }
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
}

}  // namespace

InputFile::InputFile(const std::string& path, const LoadOptions& options)
    : name_(path), options_(&options) {
  if (path == "-") {
    name_ = "<stdin>";
    fd_ = STDIN_FILENO;
    if (::isatty(fd_))
      throw file_error(name_,
                       "standard input is a terminal; pipe a trace into it "
                       "(csptrace print - < t.csptrace) or give a FILE");
  } else {
    if (options.follow) wait_until_created(path);
    struct stat st {};
    const bool fifo = ::stat(path.c_str(), &st) == 0 && S_ISFIFO(st.st_mode);
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (fifo ? O_NONBLOCK : 0));
    if (fd_ < 0) throw file_error(name_, std::string("cannot open: ") + std::strerror(errno));
    own_fd_ = true;
    if (fifo) wait_for_writer(fd_, name_, options);
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0)
    throw file_error(name_, std::string("cannot stat: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode))
    throw file_error(name_,
                     "is a directory, not a trace file; give the path of a .jsonl or "
                     ".csptrace file");
  regular_ = S_ISREG(st.st_mode);
  if (regular_) size_hint_ = static_cast<uint64_t>(st.st_size);
  if (regular_ && options.follow) start_following();
}

InputFile::~InputFile() {
  if (own_fd_) ::close(fd_);
}

size_t InputFile::read_raw(char* buf, size_t n, bool some, bool have_some) {
  size_t done = 0;
  while (done < n) {
    const ssize_t r = ::read(fd_, buf + done, n - done);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      if (errno == EISDIR)
        throw file_error(name_, "is a directory, not a trace file; give the path of a trace file");
      throw TraceError(name_, TraceError::Place::Offset, offset_ + peeked_.size() + done,
                       std::string("read error: ") + std::strerror(errno));
    }
    if (r == 0) {
      if (some && (done > 0 || have_some)) break;
      if (following_ && wait_for_more()) continue;
      break;
    }
    done += static_cast<size_t>(r);
    raw_offset_ += static_cast<uint64_t>(r);
  }
  return done;
}

std::string_view InputFile::peek(size_t n) {
  if (peeked_.size() < n) {
    const size_t had = peeked_.size();
    peeked_.resize(n);
    peeked_.resize(had + read_raw(peeked_.data() + had, n - had, false));
  }
  return std::string_view(peeked_).substr(0, n);
}

size_t InputFile::read(void* buf, size_t n) { return read_counted(buf, n, false); }

size_t InputFile::read_some(void* buf, size_t n) { return read_counted(buf, n, true); }

namespace {

TraceError shrank(const std::string& name, uint64_t from, uint64_t to) {
  return TraceError(name, TraceError::Place::File, 0,
                    "the file shrank from " + std::to_string(from) + " to " + std::to_string(to) +
                        " bytes while it was read (another program truncated or rewrote it); "
                        "read it again once nothing writes to it");
}

}  // namespace

void InputFile::check_not_shrunk() const {
  struct stat st {};
  if (regular_ && !following_ && ::fstat(fd_, &st) == 0 && uint64_t(st.st_size) < size_hint_)
    throw shrank(name_, size_hint_, uint64_t(st.st_size));
}

size_t InputFile::read_counted(void* buf, size_t n, bool some) {
  char* out = static_cast<char*>(buf);
  const size_t from_peek = std::min(n, peeked_.size());
  std::memcpy(out, peeked_.data(), from_peek);
  peeked_.erase(0, from_peek);
  const size_t done = from_peek + read_raw(out + from_peek, n - from_peek, some, from_peek > 0);
  offset_ += done;
  if (done < n && regular_ && offset_ < size_hint_) throw shrank(name_, size_hint_, offset_);
  return done;
}

}  // namespace csptrace
