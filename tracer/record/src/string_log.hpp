// The recorder's string table: interning takes a mutex (the rare slow path), reading an id that
// was published takes none, so the writer thread and the crash path can read strings while
// other threads intern. Entries and their bytes never move once published.
#pragma once

#include <csptrace/schema.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace csptrace {

class StringLog {
 public:
  // Longer strings are cut to this length when interned (value previews are meant to be short),
  // visibly: see fit(). Small enough that a JSON Lines event with all its texts escaped at the
  // worst (6 bytes a byte, \u00XX) stays under the readers' 1 MB line.
  static constexpr size_t kMaxStringBytes = 32 * 1024;

  // What a recorder keeps of s: s itself when it is at most kMaxStringBytes long; else its
  // first bytes, cut at a UTF-8 character boundary, then "… [cut from N bytes]", kMaxStringBytes
  // long at most, built in storage. Every recorder (binary and JSON Lines) records through it,
  // so a trace never holds a text that some reader or writer refuses (issue 21).
  static std::string_view fit(std::string_view s, std::string& storage);

  StringLog();
  ~StringLog();
  StringLog(const StringLog&) = delete;
  StringLog& operator=(const StringLog&) = delete;

  // Thread-safe; id 0 is "". Returns after the id is published.
  StrId intern(std::string_view s);
  // Number of published ids (acquire): every id below it can be read with get().
  uint32_t published() const noexcept { return published_.load(std::memory_order_acquire); }
  // The counter published() reads, for a reader that keeps a pointer to it.
  const std::atomic<uint32_t>& published_count() const noexcept { return published_; }
  // Lock-free, async-signal-safe. Precondition: id < published().
  std::string_view get(StrId id) const noexcept;

 private:
  struct Entry {
    const char* data;
    uint32_t size;
  };
  // Segment s holds kSegmentBase << s entries; ids map to (segment, slot) without a lock.
  static constexpr uint32_t kSegmentBase = 1024;
  static constexpr int kSegments = 22;
  static void locate(StrId id, int& segment, uint32_t& slot) noexcept;

  std::mutex mu_;
  // Guarded by mu_:
  std::unordered_map<std::string_view, StrId> index_;  // views into blocks_
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* block_pos_ = nullptr;
  size_t block_left_ = 0;
  // Written under mu_, read without it after an acquire load of published_:
  std::atomic<Entry*> segments_[kSegments] = {};
  std::atomic<uint32_t> published_{0};
};

}  // namespace csptrace
