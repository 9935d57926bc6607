// A trace's bytes, read with read(2) from a regular file, a pipe, a named pipe or standard input
// ("-"). The readers stream through it: nothing is mapped, so a file truncated or rewritten while
// it is read gives a short read and a TraceError naming it, never SIGBUS; and nothing needs the
// size in advance, so a pipe (`csptrace check <(zcat t.csptrace.gz)`) reads like a file.
//
// Invariant: offset() bytes have been handed out by peek/read, in file order; peeked bytes are
// handed out again by the next read.
#pragma once

#include <csptrace/load_options.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace csptrace {

class InputFile {
 public:
  // Opens `path` ("-": standard input). Throws TraceError naming the path when it cannot be
  // opened, is a directory, or is standard input on a terminal. A named pipe with no writer
  // yet is waited for, after telling options.notice so.
  InputFile(const std::string& path, const LoadOptions& options);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // The first n bytes (fewer at end of input) without consuming them; only before any read.
  std::string_view peek(size_t n);
  // Reads up to n bytes into buf; fewer only at end of input. Throws TraceError on a read error,
  // or when a regular file ends before the size it had when opened (it shrank while read).
  size_t read(void* buf, size_t n);

  // The size of a regular file when opened (for progress and reservations), 0 for a stream.
  uint64_t size_hint() const { return size_hint_; }
  uint64_t offset() const { return offset_; }
  const std::string& name() const { return name_; }

 private:
  size_t read_raw(char* buf, size_t n);

  std::string name_;
  int fd_ = -1;
  bool own_fd_ = false;
  bool regular_ = false;
  uint64_t size_hint_ = 0;
  uint64_t offset_ = 0;   // bytes handed out by read
  std::string peeked_;    // bytes read from fd_ but not yet handed out
};

}  // namespace csptrace
