// A trace's bytes, read with read(2) from a regular file, a pipe, a named pipe or standard input
// ("-"). The readers stream through it: nothing is mapped, so a file truncated or rewritten while
// it is read gives a short read and a TraceError naming it, never SIGBUS; and nothing needs the
// size in advance, so a pipe (`csptrace check <(zcat t.csptrace.gz)`) reads like a file.
//
// Following (LoadOptions::follow, a regular file still being written): at the end of what is
// written, reads wait for more while some process has the file open for writing and the
// reader's follow_until condition is false; so "end of input" means the writer is gone or the
// trace is complete.
//
// Invariant: offset() bytes have been handed out by peek/read, in file order; peeked bytes are
// handed out again by the next read. raw_offset_ bytes have been read from fd_.
#pragma once

#include <csptrace/load_options.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace csptrace {

// A followed file grows from a small size, so its readers reserve room for this many events up
// front (address space, not memory, until written): the columns then are not copied to bigger
// storage as the trace grows, a copy that would hold up a live view (cspview --follow) for as
// long as it takes. Past it they grow as usual.
inline constexpr size_t kFollowReserveEvents = size_t{1} << 25;

class InputFile {
 public:
  // Opens `path` ("-": standard input). Throws TraceError naming the path when it cannot be
  // opened, is a directory, or is standard input on a terminal. A named pipe with no writer
  // yet is waited for, after telling options.notice so; so is a followed file that does not
  // exist yet. options must outlive this object (its cancel flag and callbacks are used).
  InputFile(const std::string& path, const LoadOptions& options);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // The first n bytes (fewer at end of input) without consuming them; only before any read.
  std::string_view peek(size_t n);
  // Reads up to n bytes into buf; fewer only at end of input. Throws TraceError on a read error,
  // or when a regular file ends before the size it had when opened (it shrank while read).
  size_t read(void* buf, size_t n);
  // The same, but a followed file's read returns as soon as it has some bytes, rather than
  // waiting for all n (for a reader that takes whatever there is, line by line).
  size_t read_some(void* buf, size_t n);
  // When following: stop waiting for more once done() is true (the reader saw the trace's end).
  void follow_until(std::function<bool()> done) { follow_done_ = std::move(done); }
  bool following() const { return following_; }

  // The size of a regular file when opened (for progress and reservations), 0 for a stream.
  uint64_t size_hint() const { return size_hint_; }
  // For a reader that found bytes it cannot make sense of: throws the "shrank" error when this
  // regular file is now shorter than when it was opened (a read racing a truncation may see
  // zeros, not an early end), so that the message names the cause and not a corruption.
  void check_not_shrunk() const;
  uint64_t offset() const { return offset_; }
  const std::string& name() const { return name_; }
  // A regular file's descriptor (for FileRecords, which duplicates it), or -1 for a stream.
  int regular_fd() const { return regular_ ? fd_ : -1; }

 private:
  // Reads n bytes from fd_; fewer at the end of input, or, when `some`, at the end of what a
  // followed file holds so far once any byte was read (have_some: the caller holds some).
  size_t read_raw(char* buf, size_t n, bool some, bool have_some = false);
  size_t read_counted(void* buf, size_t n, bool some);
  // input_file_follow.cpp: the waits of a followed file.
  void wait_until_created(const std::string& path);
  void start_following();
  bool wait_for_more();

  std::string name_;
  int fd_ = -1;
  bool own_fd_ = false;
  bool regular_ = false;
  uint64_t size_hint_ = 0;
  uint64_t offset_ = 0;  // bytes handed out by read
  uint64_t raw_offset_ = 0;
  const LoadOptions* options_;
  bool following_ = false;
  std::function<bool()> follow_done_;
  std::string peeked_;  // bytes read from fd_ but not yet handed out
};

}  // namespace csptrace
